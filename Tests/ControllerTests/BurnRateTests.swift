import AIResources
import Testing

@testable import Controller

/// The error-budget arithmetic and the SRE workbook's multi-window rules, on hand-computed numbers.
@Suite struct BurnRateTests {
  @Test(
    "a window's burn rate is its bad fraction over the fraction the objective allows",
    arguments: [
      (2.0, 100.0, 0.99, 2.0),  // 2% bad against 1% allowed
      (15.0, 100.0, 0.99, 15.0),
      (1.0, 1000.0, 0.999, 1.0),  // exactly on budget
      (0.0, 500.0, 0.99, 0.0),
      (5.0, 100.0, 0.95, 1.0),
    ])
  func rate(bad: Double, total: Double, objective: Double, expected: Double) {
    let rate = BurnRate.rate(bad: bad, total: total, objective: objective)
    #expect(abs((rate ?? -1) - expected) < 1e-9)
  }

  @Test("no requests, no rate")
  func noRequests() {
    #expect(BurnRate.rate(bad: 0, total: 0, objective: 0.99) == nil)
  }

  @Test(
    "page when 1h and 5m both burn above 14.4×, ticket when 6h and 30m both burn above 6×",
    arguments: [
      (["1h": 15, "5m": 20], AIApplication.Status.Target.Alert.page),
      (["1h": 15, "5m": 10], .none),  // the short window says the burning stopped
      (["1h": 10, "5m": 50], .none),  // a blip: the long window is not burning
      (["1h": 14.4, "5m": 14.4], .none),  // above, not at
      (["6h": 7, "30m": 6.5], .ticket),
      (["6h": 7, "30m": 5], .none),
      (["6h": 5, "30m": 9], .none),
      (["1h": 20, "5m": 30, "6h": 8, "30m": 8], .page),  // the page rule wins
      (["1h": 20], .none),  // a window without data fires nothing
    ])
  func rules(rates: [String: Double], expected: AIApplication.Status.Target.Alert) {
    #expect((BurnRate.firing(rates)?.alert ?? .none) == expected)
  }

  @Test("the budget left is one minus the window's burn rate")
  func budget() {
    #expect(BurnRate.budgetRemaining(windowRate: 0.25) == 0.75)
    #expect(BurnRate.budgetRemaining(windowRate: 3) == -2)
    #expect(BurnRate.budgetRemaining(windowRate: nil) == nil)
  }

  @Test(
    "the share of a histogram above a bound interpolates inside its bucket",
    arguments: [
      (0.75, 0.05),  // half of the 10 in (0.5, 1]
      (1.0, 0.0),
      (0.5, 0.10),
      (0.25, 0.55),  // half of the 90 in (0, 0.5], plus the 10 above
      (5.0, 0.0),
    ])
  func fractionAbove(bound: Double, expected: Double) throws {
    let buckets: [Double: Double] = [0.5: 90, 1: 100, .infinity: 100]
    let (fraction, total) = try #require(HistogramFraction.above(bound, in: buckets))
    #expect(total == 100)
    #expect(abs(fraction - expected) < 1e-9)
  }

  @Test("requests beyond the highest finite bucket count as above any larger bound")
  func beyondTheBuckets() throws {
    let (fraction, _) = try #require(HistogramFraction.above(20, in: [10: 8, .infinity: 10]))
    #expect(abs(fraction - 0.2) < 1e-9)
  }
}
