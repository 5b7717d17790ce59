// What a search is asked to do and what it reports: independent of the model.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "models/step_info.hpp"
#include "properties/property.hpp"

namespace replicheck {

struct SearchOptions {
  enum class Strategy { Bfs, Dfs, Simulate } strategy = Strategy::Bfs;
  unsigned workers = 1;
  std::uint64_t max_depth = UINT64_MAX;
  std::uint64_t max_states = UINT64_MAX;
  std::uint64_t max_memory = 0;  // bytes; 0 = 80% of physical memory
  double max_seconds = 0;        // 0 = no time limit
  std::uint64_t simulate_runs = 0;
  std::uint64_t seed = 0;
  bool progress = false;  // a status line on stderr, at most once a second
  // Store one representative per orbit where the model declares a symmetry
  // (explorer/search/symmetry.hpp); BFS and DFS, not simulation.
  bool symmetry = true;
  // Sleep sets where the model declares footprints (sleep_sets.hpp); BFS
  // only, and not together with a symmetry. Off by default: measured, they
  // save no time on this catalog (docs/ARCHITECTURE.md).
  bool partial_order = false;
  // Persistent sets of one action where the model says an action may be
  // taken alone (persistent_sets.hpp): fewer states, same verdicts, traces
  // not necessarily shortest. BFS and DFS, with or without a symmetry; not
  // together with sleep sets. Off by default: it changes counts and traces.
  bool persistent_sets = false;
  // BFS: a partition's next level moves to a temporary file once it passes
  // this many bytes (8 partitions: a level past 256 MiB goes to disk, one
  // below stays on the heap, as fast as before); 0 = never. Not a flag:
  // tests set it to 1 to run the disk frontier on small models.
  std::uint64_t frontier_spill_bytes = std::uint64_t{32} << 20;
  // BFS with the frontier on disk: stop ("max-disk") before the temporary
  // directory's free space falls below this, so a long run never fills the
  // disk it shares with everything else.
  std::uint64_t min_free_disk = std::uint64_t{2} << 30;
};

struct Stats {
  std::uint64_t distinct_states = 0;
  std::uint64_t generated_states = 0;
  std::uint64_t max_depth = 0;
  double seconds = 0;
  std::uint64_t peak_rss_bytes = 0;        // the kernel's peak RSS, file pages included
  std::uint64_t peak_anonymous_bytes = 0;  // peak anonymous RSS: what --max-memory bounds
  std::uint64_t store_bytes = 0;  // fingerprint set + in-memory trace log
  double states_per_second() const { return seconds > 0 ? double(distinct_states) / seconds : 0; }
  double bytes_per_state() const {
    return distinct_states ? double(store_bytes) / double(distinct_states) : 0;
  }
};

// A path from an initial state: each step is an action and the state it led
// to. Step 0 is the initial state: its action_index is the index of the
// initial state and its action is empty.
struct Trace {
  using Fields = std::vector<std::pair<std::string, std::string>>;
  struct Step {
    std::string action;
    std::uint16_t action_index = 0;
    Fields state;
    StepInfo info;  // where the step sits on the timing diagram
  };
  std::vector<std::string> lanes;  // columns of the timing diagram
  std::vector<Step> steps;
  std::size_t length() const { return steps.empty() ? 0 : steps.size() - 1; }
};

enum class Verdict { Pass, Violation, Incomplete };

struct PropertyOutcome {
  std::string name;
  PropertyKind kind;
  std::string meaning;
  // always, at_quiescence, history: holds | violated | unknown (incomplete run)
  // sometimes: reached | unreached | unknown
  std::string status;
  std::optional<Trace> trace;  // counterexample, or witness of a sometimes
};

struct Result {
  Verdict verdict = Verdict::Pass;
  // Why the space was not exhausted, empty when it was: max-states,
  // max-depth, max-memory, max-disk, max-seconds, interrupted (a signal) or
  // simulation.
  // Set even when a violation was found first, so a report can say so.
  std::string incomplete_reason;
  bool complete() const { return incomplete_reason.empty(); }
  bool shortest = true;           // are the traces shortest ones?
  // What the search treated as interchangeable ("" = none): the states it
  // counts are then orbits of states. Traces are concrete either way.
  std::string symmetry;
  // The partial-order reduction used ("" = none): it prunes transitions
  // only, so the states counted are the same.
  std::string partial_order;
  Stats stats;
  std::vector<PropertyOutcome> properties;
};

}  // namespace replicheck
