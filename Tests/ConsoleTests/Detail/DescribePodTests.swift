import Foundation
import KubeCore
import Testing

@testable import ConsoleApp

/// `d` on a Pod: the sections of `kubectl describe pod`.
@Suite("DescribePod")
struct DescribePodTests {
  static let lines = DescribeView.lines(DetailFixtures.crashLoopContext).map {
    String($0.reversed().drop { $0 == " " }.reversed())
  }

  @Test("identity, node and start time, status, IPs and the controller, as kubectl's describer writes them")
  func header() {
    #expect(
      Array(Self.lines.prefix(13)) == [
        "Name:             llama-pool-d",
        "Namespace:        default",
        "Priority:         0",
        "Service Account:  default",
        "Node:             gpu-node-1/10.0.0.11",
        "Start Time:       Fri, 15 Jan 2027 07:50:10 +0000",
        "Labels:           ai.aiconsole.dev/cluster=llama-pool",
        "Annotations:      <none>",
        "Status:           Running",
        "IP:               10.244.1.7",
        "IPs:",
        "  IP:  10.244.1.7",
        "Controlled By:    AICluster/llama-pool",
      ])
  }

  @Test("a crash-looping container: waiting reason and message, the last termination's reason, exit code and times")
  func container() {
    let model = Array(Self.lines.drop { $0 != "  model:" }.prefix(23))
    #expect(
      model == [
        "  model:",
        "    Container ID:",
        "    Image:          vllm/vllm-openai:v0.6.3",
        "    Image ID:",
        "    Port:           <none>",
        "    Host Port:      <none>",
        "    State:          Waiting",
        "      Reason:       CrashLoopBackOff",
        "      Message:      back-off 2m40s restarting failed container=model pod=llama-pool-d",
        "    Last State:     Terminated",
        "      Reason:       Error",
        "      Exit Code:    1",
        "      Started:      Fri, 15 Jan 2027 07:58:40 +0000",
        "      Finished:     Fri, 15 Jan 2027 07:58:45 +0000",
        "    Ready:          False",
        "    Restart Count:  5",
        "    Limits:",
        "      nvidia.com/gpu:  1",
        "    Requests:",
        "      cpu:             4",
        "      nvidia.com/gpu:  1",
        "    Environment:    <none>",
        "    Mounts:         <none>",
      ])
    #expect(Self.lines.contains("Init Containers:"))
    #expect(Self.lines.contains("      Reason:       Completed"))
  }

  @Test("conditions without a rule, then volumes, QoS class, node selectors, tolerations and the pod's events")
  func tail() {
    #expect(
      Array(Self.lines.drop { $0 != "Conditions:" }) == [
        "Conditions:",
        "  Type           Status",
        "  Initialized    True",
        "  Ready          False",
        "  PodScheduled   True",
        "Volumes:         <none>",
        "QoS Class:       Burstable",
        "Node-Selectors:  <none>",
        "Tolerations:     <none>",
        "Events:",
        "  Type      Reason    Age                   From                   Message",
        "  ----      ------    ---                   ----                   -------",
        "  Normal    Pulled    80s (x6 over 9m20s)   aiconsole-controller   Container image \"vllm/vllm-openai:v0.6.3\" already present on machine",
        "  Warning   BackOff   40s (x9 over 9m)      aiconsole-controller   Back-off restarting failed container model in pod llama-pool-d",
      ])
  }

  @Test("tolerations as kubectl writes them")
  func tolerations() {
    #expect(
      DescribePod.toleration(["key": "nvidia.com/gpu", "operator": "Exists", "effect": "NoSchedule"])
        == "nvidia.com/gpu:NoSchedule op=Exists")
    #expect(
      DescribePod.toleration([
        "key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300,
      ]) == "node.kubernetes.io/not-ready:NoExecute op=Exists for 300s")
    #expect(DescribePod.toleration(["key": "team", "value": "ml", "effect": "NoSchedule"]) == "team=ml:NoSchedule")
  }
}
