import Logging

/// The handler of the logger Hummingbird copies for every request, setting the request's id as
/// metadata. swift-log's `StreamLogHandler` formats all of its metadata into one string each time
/// a key is set, so that copy cost every request a few microseconds of CPU although nothing is
/// logged at the server's level; this handler keeps its metadata as given and merges it into a
/// message only when one is logged.
struct DeferredMetadataLogHandler: LogHandler {
  private var inner: any LogHandler
  /// The metadata set through this handler; the wrapped handler keeps its own.
  private var own: Logger.Metadata = [:]

  init(wrapping inner: any LogHandler) { self.inner = inner }

  var logLevel: Logger.Level {
    get { inner.logLevel }
    set { inner.logLevel = newValue }
  }

  var metadataProvider: Logger.MetadataProvider? {
    get { inner.metadataProvider }
    set { inner.metadataProvider = newValue }
  }

  var metadata: Logger.Metadata {
    get { inner.metadata.merging(own) { _, set in set } }
    set {
      own = newValue
      inner.metadata = [:]
    }
  }

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { own[key] ?? inner[metadataKey: key] }
    set {
      own[key] = newValue
      if newValue == nil, inner[metadataKey: key] != nil { inner[metadataKey: key] = nil }
    }
  }

  func log(event: LogEvent) {
    var event = event
    if !own.isEmpty { event.metadata = own.merging(event.metadata ?? [:]) { _, logged in logged } }
    inner.log(event: event)
  }
}

extension Logger {
  /// This logger with metadata that costs nothing until a message is logged.
  var deferringMetadata: Logger {
    var copy = self
    copy.handler = DeferredMetadataLogHandler(wrapping: handler)
    return copy
  }
}
