import KubeCore

extension BuiltinResources {
  /// Core `v1` ServiceAccounts (`sa`): Secrets is the number of `secrets` references, an integer
  /// cell under a `string` column as in kube-apiserver's printer (no reference recording; printers.go).
  static let serviceAccounts = ResourceInfo(
    group: "", version: "v1", plural: "serviceaccounts", singular: "serviceaccount", kind: "ServiceAccount",
    namespaced: true, shortNames: ["sa"], tracksGeneration: false,
    columns: [
      PrinterColumn(
        name: "Secrets", type: "string",
        description:
          "Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use. Pods are only limited to this list if this service account has a \"kubernetes.io/enforce-mountable-secrets\" annotation set to \"true\". The \"kubernetes.io/enforce-mountable-secrets\" annotation is deprecated since v1.32. Prefer separate namespaces to isolate access to mounted secrets. This field should not be used to find auto-generated service account token secrets for use outside of pods. Instead, tokens can be requested directly using the TokenRequest API, or service account token secrets can be manually created. More info: https://kubernetes.io/docs/concepts/configuration/secret",
        source: .computed { .int(Int64($0["secrets"]?.arrayValue?.count ?? 0)) }),
      ageColumn,
    ])
}
