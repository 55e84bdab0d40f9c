import Foundation

/// nginx (Debian's `nginx-light`) as a reverse proxy with upstream keep-alive: the peer the
/// gateway's proxying is measured against, in the same run and to the same backend.
final class NginxProxy {
  static let binary = "/usr/sbin/nginx"
  let process = Process()
  let directory: URL
  let port: Int

  init(backendPort: Int, port: Int) throws {
    self.port = port
    directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "aiconsole-nginx-\(UUID().uuidString.prefix(6))")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let path = directory.path
    let configuration = """
      worker_processes auto;
      daemon off;
      pid \(path)/nginx.pid;
      error_log \(path)/error.log warn;
      events { worker_connections 1024; }
      http {
        access_log off;
        client_body_temp_path \(path)/body;
        proxy_temp_path \(path)/proxy;
        fastcgi_temp_path \(path)/fastcgi;
        uwsgi_temp_path \(path)/uwsgi;
        scgi_temp_path \(path)/scgi;
        upstream backend { server 127.0.0.1:\(backendPort); keepalive 64; }
        server {
          listen 127.0.0.1:\(port);
          location / {
            proxy_pass http://backend;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_buffering off;
          }
        }
      }

      """
    let file = directory.appendingPathComponent("nginx.conf")
    try configuration.write(to: file, atomically: true, encoding: .utf8)
    process.executableURL = URL(fileURLWithPath: Self.binary)
    process.arguments = ["-c", file.path, "-p", path, "-e", "\(path)/error.log"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
  }

  /// The master and its workers (the processes whose parent is the master), for CPU sampling.
  func processIDs() -> [pid_t] {
    let master = process.processIdentifier
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    let workers = entries.compactMap { entry -> pid_t? in
      guard let pid = pid_t(entry),
        let stat = FileManager.default.contents(atPath: "/proc/\(entry)/stat").map({
          String(decoding: $0, as: UTF8.self)
        }),
        let close = stat.lastIndex(of: ")")
      else { return nil }
      // After the command name: state, then the parent's pid.
      let fields = stat[stat.index(after: close)...].split(separator: " ")
      return fields.count > 1 && pid_t(fields[1]) == master ? pid : nil
    }
    return [master] + workers
  }

  /// `nginx -s stop`, as its manual says: the master stops its workers (a killed master would
  /// leave them serving), then SIGKILL if it has not gone within five seconds.
  func stop() {
    guard process.isRunning else { return }
    let signal = Process()
    signal.executableURL = URL(fileURLWithPath: Self.binary)
    signal.arguments = ["-c", directory.appendingPathComponent("nginx.conf").path, "-p", directory.path, "-s", "stop"]
    signal.standardError = FileHandle.nullDevice
    try? signal.run()
    signal.waitUntilExit()
    let deadline = Date().addingTimeInterval(5)
    while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    try? FileManager.default.removeItem(at: directory)
  }

  deinit { stop() }
}
