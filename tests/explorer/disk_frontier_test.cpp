// The BFS with its frontier in temporary files (forced by a one-byte
// threshold) must find exactly what it finds with the frontier on the heap:
// the same counts, depth, verdicts and traces.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "explorer/search/bfs.hpp"
#include "models/lww/model.hpp"
#include "models/two_phase/model.hpp"

using namespace replicheck;

namespace {
template <class M>
Result run(const M& m, std::uint64_t spill_bytes, unsigned workers) {
  SearchOptions o;
  o.symmetry = false;
  o.workers = workers;
  o.frontier_spill_bytes = spill_bytes;
  return Bfs<M>(m, o).run();
}

void check_same(const Result& disk, const Result& heap) {
  CHECK(disk.stats.distinct_states == heap.stats.distinct_states);
  CHECK(disk.stats.generated_states == heap.stats.generated_states);
  CHECK(disk.stats.max_depth == heap.stats.max_depth);
  CHECK(disk.verdict == heap.verdict);
  CHECK(disk.incomplete_reason == heap.incomplete_reason);
  REQUIRE(disk.properties.size() == heap.properties.size());
  for (std::size_t i = 0; i < heap.properties.size(); ++i) {
    const PropertyOutcome &d = disk.properties[i], &h = heap.properties[i];
    INFO("property " << h.name);
    CHECK(d.status == h.status);
    REQUIRE(bool(d.trace) == bool(h.trace));
    if (!h.trace) continue;
    REQUIRE(d.trace->steps.size() == h.trace->steps.size());
    for (std::size_t k = 0; k < h.trace->steps.size(); ++k) {
      CHECK(d.trace->steps[k].action == h.trace->steps[k].action);
      CHECK(d.trace->steps[k].state == h.trace->steps[k].state);
    }
  }
}

template <class M>
void compare(const M& m, std::uint64_t expected_states) {
  for (unsigned w : {1u, 2u}) {
    INFO("workers " << w);
    std::uint64_t opened = ByteArena::files_opened();
    Result heap = run(m, 0, w);
    CHECK(ByteArena::files_opened() == opened);  // 0: never on disk
    Result disk = run(m, 1, w);
    CHECK(ByteArena::files_opened() > opened);  // the frontier did go to disk
    CHECK(heap.stats.distinct_states == expected_states);
    check_same(disk, heap);
  }
}
}  // namespace

TEST_CASE("a disk frontier explores two-phase commit as the heap frontier does") {
  using models::TwoPhase;
  compare(TwoPhase(Params(TwoPhase::param_specs(), {"rm=5"})), 8832);
  // A violation: the same shortest trace.
  TwoPhase bad(Params(TwoPhase::param_specs(), {"rm=4", "bug=commit-early"}));
  Result disk = run(bad, 1, 2);
  CHECK(disk.verdict == Verdict::Violation);
  check_same(disk, run(bad, 0, 2));
}

TEST_CASE("a disk frontier explores LWW (defaults, no symmetry) as the heap frontier does") {
  using models::Lww;
  compare(Lww(Params(Lww::param_specs(), {})), 470'534);
}

TEST_CASE("a disk frontier stops the run at the free-space bound, not at a full disk") {
  using models::TwoPhase;
  TwoPhase m(Params(TwoPhase::param_specs(), {"rm=5"}));
  SearchOptions o;
  o.symmetry = false;
  o.frontier_spill_bytes = 1;
  o.min_free_disk = UINT64_MAX;  // no disk has that much free: the first level on disk stops it
  Result r = Bfs<TwoPhase>(m, o).run();
  CHECK(r.incomplete_reason == "max-disk");
  CHECK(r.verdict == Verdict::Incomplete);
  CHECK(r.stats.distinct_states < 8832);
  // On the heap the same bound never applies.
  o.frontier_spill_bytes = 0;
  CHECK(Bfs<TwoPhase>(m, o).run().complete());
}
