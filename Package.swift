// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "aiconsole",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "aiconsole", targets: ["ConsoleApp"]),
    .executable(name: "aiconsole-bench", targets: ["Benchmarks"]),
    .executable(name: "aiconsole-fuzz", targets: ["Fuzzing"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
    .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
    .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
    .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
    .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
  ],
  targets: [
    .target(
      name: "KubeCore",
      dependencies: [
        .product(name: "OrderedCollections", package: "swift-collections"),
        .product(name: "Yams", package: "Yams"),
      ]
    ),
    .target(
      name: "AIResources",
      dependencies: ["KubeCore"]
    ),
    .target(name: "CByteSearch"),
    .target(
      name: "ClusterClient",
      dependencies: [
        "KubeCore", "CByteSearch",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    .target(
      name: "EmbeddedCluster",
      dependencies: [
        "KubeCore",
        "AIResources",
        "ServingLimits",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdTLS", package: "hummingbird"),
        .product(name: "HummingbirdCore", package: "hummingbird"),
        .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "X509", package: "swift-certificates"),
        .product(name: "SwiftASN1", package: "swift-asn1"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "OrderedCollections", package: "swift-collections"),
        .product(name: "DequeModule", package: "swift-collections"),
      ]
    ),
    .target(
      name: "ServingLimits",
      dependencies: [
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "NIOTLS", package: "swift-nio"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    // The ncurses shims (include/CNCurses.h) and the signal state they share (TerminalSignals.c).
    .target(name: "CNCurses", linkerSettings: [.linkedLibrary("ncursesw")]),
    .target(
      name: "Views",
      dependencies: ["CNCurses", .product(name: "Yams", package: "Yams")]
    ),
    .target(
      name: "Controller",
      dependencies: [
        "ClusterClient", "AIResources", "KubeCore",
        .product(name: "DequeModule", package: "swift-collections"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Prometheus", package: "swift-prometheus"),
      ]
    ),
    .target(
      name: "Gateway",
      dependencies: [
        "ClusterClient", "AIResources", "KubeCore", "ServingLimits",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Prometheus", package: "swift-prometheus"),
      ]
    ),
    .executableTarget(
      name: "ConsoleApp",
      dependencies: [
        "KubeCore", "ClusterClient", "AIResources", "EmbeddedCluster", "Controller", "Gateway", "Views",
        "ServingLimits",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
      ],
      // A release aiconsole carries the Swift runtime and Foundation in itself: loading and
      // relocating a dozen shared libraries cost every command about 15 ms before main (`get` at
      // 200 objects: 49 → 33 ms). The archives are grouped: the objects name them in an order a
      // static link cannot resolve on its own.
      linkerSettings: [
        .unsafeFlags(
          [
            "-static-stdlib", "-Xlinker", "--start-group", "-lFoundation", "-lCoreFoundation",
            "-lFoundationInternationalization", "-l_FoundationICU", "-lFoundationEssentials", "-l_FoundationCShims",
            "-l_FoundationCollections", "-lswiftDispatch", "-ldispatch", "-lBlocksRuntime", "-Xlinker", "--end-group",
          ], .when(configuration: .release))
      ]
    ),
    .executableTarget(
      name: "Benchmarks",
      dependencies: [
        "KubeCore", "AIResources", "ClusterClient", "EmbeddedCluster", "Views", "Controller", "Gateway",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
      ]
    ),
    // libFuzzer targets (`make fuzz` builds them with -sanitize=fuzzer -D FUZZING); built plainly,
    // the same executable replays inputs, such as the crashes kept under Tests/Corpus/fuzz.
    .executableTarget(name: "Fuzzing", dependencies: ["KubeCore", "ClusterClient"]),
    .testTarget(name: "KubeCoreTests", dependencies: ["KubeCore"]),
    .testTarget(name: "BenchmarksTests", dependencies: ["Benchmarks"]),
    // ConsoleApp: DemoTmuxTests runs the aiconsole binary, which the dependency builds first.
    .testTarget(name: "ViewsTests", dependencies: ["Views", "ConsoleApp", "ClusterTestSupport"]),
    .testTarget(name: "AIResourcesTests", dependencies: ["AIResources", "KubeCore"]),
    .testTarget(
      name: "EmbeddedClusterTests",
      dependencies: [
        "EmbeddedCluster", "KubeCore", "ClusterClient", "ClusterTestSupport", "ServingLimits",
      ],
      exclude: ["Fixtures"]
    ),
    .target(
      name: "ClusterTestSupport",
      dependencies: [
        "ClusterClient", "EmbeddedCluster", "Views",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
      ],
      path: "Tests/Support"
    ),
    .testTarget(
      name: "ControllerTests",
      dependencies: [
        "Controller", "ClusterClient", "KubeCore", "AIResources", "ClusterTestSupport", "Gateway",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOCore", package: "swift-nio"),
      ]
    ),
    .testTarget(
      name: "ClusterClientTests",
      dependencies: [
        "ClusterClient", "KubeCore", "EmbeddedCluster", "ClusterTestSupport",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
      ],
      exclude: ["Fixtures"]
    ),
    .testTarget(
      name: "ConsoleTests",
      dependencies: [
        "ConsoleApp", "Fuzzing", "Views", "KubeCore", "ClusterClient", "AIResources", "EmbeddedCluster",
        "ClusterTestSupport",
      ],
      exclude: ["Screens/Expected"]
    ),
    .testTarget(
      name: "GatewayTests",
      dependencies: [
        "Gateway", "KubeCore", "AIResources", "ClusterClient", "ClusterTestSupport", "ServingLimits",
        .product(name: "Logging", package: "swift-log"),
      ]),
    .testTarget(
      name: "IntegrationTests",
      dependencies: [
        "KubeCore", "AIResources", "ClusterClient", "Controller", "ConsoleApp", "ClusterTestSupport",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOTLS", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
      ],
      exclude: []
    ),
  ],
  swiftLanguageModes: [.v6]
)
