import OrderedCollections
import Synchronization

/// One shared `String` per distinct text, for the strings a parse would otherwise allocate again
/// and again: Swift keeps text of up to 15 UTF-8 bytes inside the `String` itself, but a longer
/// one (`creationTimestamp`, `ai.aiconsole.dev/v1`, a timestamp) is a heap allocation of its own
/// each time it is decoded. The console holds 100,000 objects that repeat the same keys and many
/// of the same values; sharing them is most of what an object's strings cost.
///
/// Lookups go by the bytes, so a string already held costs no allocation at all.
struct JSONStringTable {
  /// The longest text shared; longer strings are rarely repeated and cost little to keep apart.
  static let maxLength = 64
  /// Strings shorter than this are stored inline by Swift and need no sharing.
  static let minLength = 16

  private var slots: [Int: String] = [:]
  /// Past this many strings nothing more is added, so hostile input cannot grow the table.
  let capacity: Int

  init(capacity: Int) { self.capacity = capacity }

  var count: Int { slots.count }

  /// Whether `length` bytes of text are worth sharing.
  static func shares(length: Int) -> Bool { length >= minLength && length <= maxLength }

  /// The held string whose bytes are `bytes`, or nil.
  func find(_ bytes: UnsafeBufferPointer<UInt8>, hash: Int) -> String? {
    guard let held = slots[hash], held.utf8.elementsEqual(bytes) else { return nil }
    return held
  }

  /// Holds `text` under `hash` unless full or the slot is taken (a different text with the same
  /// hash keeps its place; the newcomer is simply not shared).
  mutating func add(_ text: String, hash: Int) {
    guard slots.count < capacity, slots[hash] == nil else { return }
    slots[hash] = text
  }

  /// The hash the table files `bytes` under.
  static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    var hasher = Hasher()
    hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
    return hasher.finalize()
  }
}

/// The object keys every parse in the process shares: Kubernetes objects use a small vocabulary
/// of keys, so one table serves every list page and watch event.
enum JSONKeyTable {
  /// Enough for every field name of the kinds the console shows, with room for label and
  /// annotation keys; a parse past it still works, its new keys just are not shared.
  static let capacity = 8_192

  private static let table = Mutex(JSONStringTable(capacity: capacity))

  /// The shared string for a key whose UTF-8 is `bytes`, decoded once.
  static func key(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    let hash = JSONStringTable.hash(bytes)
    if let held = table.withLock({ $0.find(bytes, hash: hash) }) { return held }
    guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
    table.withLock { $0.add(text, hash: hash) }
    return text
  }

  /// How many keys are shared, for tests.
  static var count: Int { table.withLock { $0.count } }
}

/// One shared key list per distinct object shape (the same keys in the same order): the 100,000
/// AIClusters a console holds have a handful of shapes between them, so their maps can share the
/// storage of their keys and each own only its values. An object changed later gets keys of its
/// own then, as any copy-on-write value does.
///
/// Only maps of up to 15 keys are shared: beyond that an ordered dictionary also keeps a hash
/// table of its own.
enum JSONShapeTable {
  static let maxKeys = 15
  /// Past this many shapes nothing more is added, so hostile input cannot grow the table.
  static let capacity = 4_096

  /// Shapes by the hash of their keys; each holds null values, never an object's own.
  private static let table = Mutex([Int: OrderedDictionary<String, JSONValue>]())

  /// The hash `keys` are filed under.
  static func hash(_ keys: ArraySlice<String>) -> Int {
    var hasher = Hasher()
    hasher.combine(keys.count)
    for key in keys { hasher.combine(key) }
    return hasher.finalize()
  }

  /// The shared template of `keys`, made and kept on first sight while there is room.
  static func template(_ keys: ArraySlice<String>, hash: Int) -> OrderedDictionary<String, JSONValue>? {
    table.withLock { shapes in
      if let held = shapes[hash] { return held.keys.elementsEqual(keys) ? held : nil }
      guard shapes.count < capacity else { return nil }
      let made = OrderedDictionary(uncheckedUniqueKeys: keys, values: repeatElement(JSONValue.null, count: keys.count))
      shapes[hash] = made
      return made
    }
  }
}
