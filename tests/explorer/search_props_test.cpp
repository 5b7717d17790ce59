// Random configurations of the toy model: every search must agree with the
// count worked out by hand, and BFS must always find the shortest trace.
#include <catch2/catch.hpp>
#include <rapidcheck/catch.h>

#include "explorer/search/bfs.hpp"
#include "explorer/search/dfs.hpp"
#include "tests/explorer/toy_model.hpp"

using namespace replicheck;
using replicheck::testing::Toy;

TEST_CASE("searches agree on random toy configurations") {
  rc::prop("BFS (1 or 2 workers) and DFS count n*n states and find b > limit in limit+1 steps", [] {
    Toy toy;
    toy.n = *rc::gen::inRange(1, 40);
    toy.limit = *rc::gen::inRange(0, 45);
    SearchOptions one, two;
    one.workers = 1;
    two.workers = 2;
    Result a = Bfs<Toy>(toy, one).run();
    Result b = Bfs<Toy>(toy, two).run();
    Result d = depth_first(toy, SearchOptions{});
    auto expected = std::uint64_t(toy.n) * std::uint64_t(toy.n);
    RC_ASSERT(a.stats.distinct_states == expected);
    RC_ASSERT(b.stats.distinct_states == expected);
    RC_ASSERT(d.stats.distinct_states == expected);
    bool violable = toy.limit < toy.n - 1;
    RC_ASSERT((a.verdict == Verdict::Violation) == violable);
    RC_ASSERT((d.verdict == Verdict::Violation) == violable);
    if (violable) {
      RC_ASSERT(a.properties.at(0).trace->length() == std::size_t(toy.limit) + 1);
      RC_ASSERT(b.properties.at(0).trace->length() == std::size_t(toy.limit) + 1);
      RC_ASSERT(d.properties.at(0).trace->length() >= std::size_t(toy.limit) + 1);
    }
  });
}
