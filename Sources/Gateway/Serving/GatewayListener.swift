import Foundation
import NIOSSL

/// Where the gateway may listen and how: plain HTTP on loopback only; any other address needs a
/// certificate and key, so that API keys and prompts never cross a network in clear text.
public struct GatewayListener: Sendable {
  public let host: String
  public let tls: TLSConfiguration?

  /// Why a listener was refused.
  public struct Refusal: Error, CustomStringConvertible {
    public let description: String
  }

  /// The listener for `host`, with HTTPS from the PEM files when given.
  public init(host: String, certificateFile: String?, keyFile: String?) throws {
    self.host = host
    switch (certificateFile, keyFile) {
    case (let certificate?, let key?):
      do {
        var configuration = TLSConfiguration.makeServerConfiguration(
          certificateChain: try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) },
          privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem)))
        // TLS 1.0 and 1.1 are refused, as kube-apiserver and current nginx refuse them.
        configuration.minimumTLSVersion = .tlsv12
        tls = configuration
      } catch {
        throw Refusal(description: "cannot use \(certificate) and \(key) for HTTPS: \(error)")
      }
    case (nil, nil):
      guard Self.isLoopback(host) else {
        throw Refusal(
          description:
            "serving on \(host) needs --tls-cert-file and --tls-key-file: plain HTTP is only allowed on loopback")
      }
      tls = nil
    default:
      throw Refusal(description: "--tls-cert-file and --tls-key-file go together")
    }
  }

  /// `https` or `http`.
  public var scheme: String { tls == nil ? "http" : "https" }

  /// Whether `host` is a loopback address or name (`127.0.0.0/8`, `::1`, `localhost`).
  public static func isLoopback(_ host: String) -> Bool {
    let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
    return bare == "localhost" || bare == "::1" || bare.hasPrefix("127.")
  }
}
