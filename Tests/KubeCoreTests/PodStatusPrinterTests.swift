import Foundation
import KubeCore
import Testing

/// The pod printer's Ready, Status and Restarts cells for pods in the states `printPod` tells apart.
@Suite("PodStatusPrinter: Ready, Status and Restarts as kube-apiserver's pod printer computes them")
struct PodStatusPrinterTests {
  static let now = Date(timeIntervalSince1970: 1_800_000_000)
  static let fiveMinutesAgo = Timestamps.format(now.addingTimeInterval(-300))

  struct Case: CustomTestStringConvertible, Sendable {
    let label: String
    let pod: JSONValue
    let expected: PodStatusPrinter
    var testDescription: String { label }
  }

  static func pod(
    phase: String = "Running", containers: Int = 1, initContainers: [JSONValue] = [], statuses: [JSONValue] = [],
    initStatuses: [JSONValue] = [], conditions: [String] = [], metadata: JSONValue = ["name": "p"],
    reason: String? = nil
  ) -> JSONValue {
    var pod: JSONValue = [
      "metadata": metadata,
      "spec": [
        "containers": .array((0..<containers).map { ["name": .string("c\($0)")] }),
        "initContainers": .array(initContainers),
      ],
      "status": [
        "phase": .string(phase), "containerStatuses": .array(statuses), "initContainerStatuses": .array(initStatuses),
        "conditions": .array(conditions.map { ["type": .string($0), "status": "True"] }),
      ],
    ]
    if let reason { pod.set(.string(reason), at: ["status", "reason"]) }
    return pod
  }

  static func status(_ state: JSONValue, ready: Bool = false, restarts: Int64 = 0, name: String = "c0") -> JSONValue {
    ["name": .string(name), "state": state, "ready": .bool(ready), "restartCount": .int(restarts), "lastState": [:]]
  }

  static let running: JSONValue = ["running": ["startedAt": "2026-01-01T00:00:00Z"]]

  static let cases: [Case] = [
    Case(
      label: "a running ready pod", pod: pod(statuses: [status(running, ready: true)]),
      expected: .init(ready: "1/1", status: "Running", restarts: "0")),
    Case(
      label: "a pending pod with no statuses", pod: pod(phase: "Pending", containers: 2),
      expected: .init(ready: "0/2", status: "Pending", restarts: "0")),
    Case(
      label: "a waiting container's reason",
      pod: pod(statuses: [status(["waiting": ["reason": "CrashLoopBackOff"]], restarts: 4)]),
      expected: .init(ready: "0/1", status: "CrashLoopBackOff", restarts: "4")),
    Case(
      label: "restarts with the time of the last one",
      pod: pod(statuses: [
        [
          "name": "c0", "state": running, "ready": true, "restartCount": 3,
          "lastState": ["terminated": ["exitCode": 1, "finishedAt": .string(fiveMinutesAgo)]],
        ]
      ]),
      expected: .init(ready: "1/1", status: "Running", restarts: "3 (5m ago)")),
    Case(
      label: "a terminated container without a reason gives its exit code",
      pod: pod(statuses: [status(["terminated": ["exitCode": 137]])]),
      expected: .init(ready: "0/1", status: "ExitCode:137", restarts: "0")),
    Case(
      label: "a terminated container without a reason gives its signal",
      pod: pod(statuses: [status(["terminated": ["exitCode": 0, "signal": 9]])]),
      expected: .init(ready: "0/1", status: "Signal:9", restarts: "0")),
    Case(
      label: "Completed with a container still running is Running when the pod is Ready",
      pod: pod(
        containers: 2,
        statuses: [
          status(["terminated": ["exitCode": 0, "reason": "Completed"]], name: "c1"), status(running, ready: true),
        ], conditions: ["Ready"]),
      expected: .init(ready: "1/2", status: "Running", restarts: "0")),
    Case(
      label: "Completed with a container still running is NotReady without the Ready condition",
      pod: pod(
        containers: 2,
        statuses: [
          status(["terminated": ["exitCode": 0, "reason": "Completed"]], name: "c1"), status(running, ready: true),
        ]),
      expected: .init(ready: "1/2", status: "NotReady", restarts: "0")),
    Case(
      label: "an init container still running counts Init:index/total",
      pod: pod(
        phase: "Pending", initContainers: [["name": "i0"], ["name": "i1"]],
        initStatuses: [
          status(["terminated": ["exitCode": 0]], name: "i0"), status(running, name: "i1"),
        ]),
      expected: .init(ready: "0/1", status: "Init:1/2", restarts: "0")),
    Case(
      label: "an init container waiting with a reason",
      pod: pod(
        phase: "Pending", initContainers: [["name": "i0"]],
        initStatuses: [status(["waiting": ["reason": "ImagePullBackOff"]], name: "i0")]),
      expected: .init(ready: "0/1", status: "Init:ImagePullBackOff", restarts: "0")),
    Case(
      label: "an init container waiting in PodInitializing counts Init:0/1",
      pod: pod(
        phase: "Pending", initContainers: [["name": "i0"]],
        initStatuses: [status(["waiting": ["reason": "PodInitializing"]], name: "i0")]),
      expected: .init(ready: "0/1", status: "Init:0/1", restarts: "0")),
    Case(
      label: "a failed init container",
      pod: pod(
        phase: "Pending", initContainers: [["name": "i0"]],
        initStatuses: [status(["terminated": ["exitCode": 2]], restarts: 1, name: "i0")]),
      expected: .init(ready: "0/1", status: "Init:ExitCode:2", restarts: "1")),
    Case(
      label: "a started sidecar counts as a ready container",
      pod: pod(
        initContainers: [["name": "s0", "restartPolicy": "Always"]],
        statuses: [status(running, ready: true)],
        initStatuses: [
          ["name": "s0", "state": running, "ready": true, "started": true, "restartCount": 2, "lastState": [:]]
        ], conditions: ["Initialized"]),
      expected: .init(ready: "2/2", status: "Running", restarts: "2")),
    Case(
      label: "a deleted running pod is Terminating",
      pod: pod(
        statuses: [status(running, ready: true)],
        metadata: ["name": "p", "deletionTimestamp": "2026-01-01T00:00:00Z"]),
      expected: .init(ready: "1/1", status: "Terminating", restarts: "0")),
    Case(
      label: "a deleted pod on a lost node is Unknown",
      pod: pod(metadata: ["name": "p", "deletionTimestamp": "2026-01-01T00:00:00Z"], reason: "NodeLost"),
      expected: .init(ready: "0/1", status: "Unknown", restarts: "0")),
    Case(
      label: "a deleted pod that Succeeded stays Succeeded",
      pod: pod(phase: "Succeeded", metadata: ["name": "p", "deletionTimestamp": "2026-01-01T00:00:00Z"]),
      expected: .init(ready: "0/1", status: "Succeeded", restarts: "0")),
    Case(
      label: "the status reason replaces the phase", pod: pod(phase: "Failed", reason: "Evicted"),
      expected: .init(ready: "0/1", status: "Evicted", restarts: "0")),
  ]

  @Test("cells for each pod state", arguments: cases)
  func cells(_ example: Case) {
    #expect(PodStatusPrinter(pod: example.pod, now: Self.now) == example.expected)
  }

  @Test("a scheduling-gated pod is SchedulingGated")
  func schedulingGated() {
    var pod = Self.pod(phase: "Pending")
    pod.set([["type": "PodScheduled", "status": "False", "reason": "SchedulingGated"]], at: ["status", "conditions"])
    #expect(PodStatusPrinter(pod: pod, now: Self.now).status == "SchedulingGated")
  }
}
