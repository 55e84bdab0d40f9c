import AIResources
import ArgumentParser

/// `aiconsole crds`: the AI CustomResourceDefinitions as YAML, for `kubectl apply -f -`.
struct CRDsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "crds", abstract: "Print the AI CustomResourceDefinitions as YAML.")

  func run() {
    StandardOutput.write(AICustomResourceDefinitions.yamlStream)
  }
}
