import Foundation
import Testing

@testable import Controller

/// The HPA rule for autoscaled InferenceServices: proportional, bounded, tolerant, and slow to shrink.
@Suite struct ReplicaRecommenderTests {
  let targets = ReplicaRecommender.Targets(minReplicas: 1, maxReplicas: 10, tokensPerSecond: 1000, gpuUtilization: 70)
  let start = Date(timeIntervalSince1970: 1_800_000_000)

  @Test func scalesUpInProportionToTheBusiestMetric() {
    var recommender = ReplicaRecommender()
    let (replicas, reason) = recommender.recommend(
      current: 2, load: .init(tokensPerSecond: 1500, gpuUtilization: 140), targets: targets, now: start)
    #expect(replicas == 4, "GPU at twice its target wins over tokens at 1.5 times")
    #expect(reason.contains("GPU utilisation 140% vs target 70%"))
  }

  @Test func staysWithinBoundsAndTolerance() {
    var recommender = ReplicaRecommender()
    #expect(recommender.recommend(current: 8, load: .init(tokensPerSecond: 5000), targets: targets, now: start).0 == 10)
    #expect(recommender.recommend(current: 3, load: .init(tokensPerSecond: 1080), targets: targets, now: start).0 == 3)
    #expect(recommender.recommend(current: 3, load: nil, targets: targets, now: start).0 == 3, "no metrics: no change")
  }

  @Test func scalesDownOnlyToTheHighestRecommendationOfTheLastFiveMinutes() {
    var recommender = ReplicaRecommender()
    #expect(recommender.recommend(current: 4, load: .init(tokensPerSecond: 1000), targets: targets, now: start).0 == 4)
    let lull = ReplicaRecommender.Load(tokensPerSecond: 250)
    #expect(recommender.recommend(current: 4, load: lull, targets: targets, now: start + 60).0 == 4)
    #expect(recommender.recommend(current: 4, load: lull, targets: targets, now: start + 200).0 == 4)
    #expect(recommender.recommend(current: 4, load: lull, targets: targets, now: start + 301).0 == 1)
  }
}
