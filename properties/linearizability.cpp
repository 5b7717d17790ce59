#include "properties/linearizability.hpp"

#include <algorithm>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <tuple>

#include <fmt/format.h>

#include "properties/memo_set.hpp"

namespace replicheck::properties {

std::string_view to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::kLinearizable: return "linearizable";
    case Verdict::kNotLinearizable: return "not linearizable";
    case Verdict::kUnknown: return "unknown";
  }
  return "?";
}

namespace {

using Clock = std::chrono::steady_clock;

// Shared by all parts of one check: both limits cover the whole history.
struct Budget {
  std::optional<Clock::time_point> deadline;
  std::uint64_t max_steps = 0;
  std::uint64_t max_memory = 0;
  std::uint64_t steps = 0;
  std::uint64_t memory = 0;  // bytes held by all searches' memos and states
  std::string exceeded;      // why the search gave up, once it has
  std::function<std::string()> stop_requested;

  // `delta`: change of the caller's memory use since its last report.
  bool spent(std::int64_t delta) {
    memory += static_cast<std::uint64_t>(delta);
    if (max_steps != 0 && steps >= max_steps) exceeded = fmt::format("step budget of {} exhausted", max_steps);
    if (max_memory != 0 && memory >= max_memory)
      exceeded = fmt::format("memory budget of {} MiB exhausted", max_memory >> 20);
    if (deadline && Clock::now() >= *deadline) exceeded = "time budget exhausted";
    if (stop_requested)
      if (std::string why = stop_requested(); !why.empty()) exceeded = why;
    return !exceeded.empty();
  }
};

std::uint64_t mix(std::uint64_t x) {  // splitmix64 finaliser
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

enum class Outcome { kLinearizable, kStuck, kOutOfBudget, kPaused };

// One part (one key). Entries are the call and return events of the part's
// ops in real-time order, kept in a doubly linked list; linearizing an op
// lifts its call and return out of the list, backtracking puts them back.
// Optional (info) ops have no return entry: their response is at infinity
// and they never have to be linearized.
template <class Spec>
class Search {
 public:
  Search(const History& history, const std::vector<std::size_t>& ops, Model model, Budget& budget)
      : history_(history), model_(model), budget_(budget) {
    for (std::size_t index : ops) {
      const Operation& op = history.ops[index];
      const Role role = role_of(op);
      if (role == Role::kIgnored) continue;
      const auto local = static_cast<std::uint32_t>(ids_.size());
      ids_.push_back(index);
      calls_.push_back(spec_.compile(op));
      events_.push_back({op.invoke, 0, local});
      if (role == Role::kRequired) {
        events_.push_back({op.response, 1, local});
        ++required_;
      }
    }
    // Calls before returns at equal times: such ops overlap, not precede.
    std::sort(events_.begin(), events_.end());
    const std::size_t n = events_.size();
    head_ = static_cast<std::uint32_t>(n);
    next_.resize(n + 1);
    prev_.resize(n + 1);
    return_of_.assign(ids_.size(), kNone);
    for (std::size_t i = 0; i < n; ++i) {
      if (events_[i].is_return) return_of_[events_[i].op] = static_cast<std::uint32_t>(i);
    }
    std::uint32_t last = head_;
    for (std::uint32_t i = 0; i < n; ++i) {
      next_[last] = i;
      prev_[i] = last;
      last = i;
    }
    next_[last] = kNone;
    words_ = (ids_.size() + 63) / 64;
    bits_.assign(words_, 0);
    zobrist_.resize(ids_.size());
    for (std::size_t i = 0; i < ids_.size(); ++i) zobrist_[i] = mix(0x5eed0000ULL + i);
    memo_.reset(words_);
    state_ = spec_.initial();
    left_ = required_;
    entry_ = next_[head_];
  }

  std::size_t size() const { return ids_.size(); }

  // Searches until a verdict, or kPaused once `quantum` steps were spent
  // (the next call resumes), or kOutOfBudget.
  Outcome run(std::uint64_t quantum) {
    for (std::uint64_t spent = 0; left_ > 0; ++spent) {
      if (spent == quantum) return Outcome::kPaused;
      if (++budget_.steps == budget_.max_steps || (budget_.steps & 1023) == 0) {
        if (budget_.spent(memory_change())) return Outcome::kOutOfBudget;
      }
      const Event& event = events_[entry_];
      if (event.is_return) {
        // An op not yet linearized returns here: nothing placeable before it.
        if (best_ < 0 || stack_.size() > static_cast<std::size_t>(best_)) record(entry_, state_);
        if (!backtrack()) return Outcome::kStuck;
        continue;
      }
      const std::uint32_t op = event.op;
      spec::State after;
      if (!spec_.step(state_, calls_[op], after)) {
        entry_ = next_[entry_];
        continue;
      }
      // An op that never changes state (a read, a failed cas) and is legal
      // now can be moved to the front of any legal completion of this
      // configuration: real time allows it (it is invoked, and every op not
      // yet linearized returns after this point) and the states stay the same.
      // So if the configuration with it linearized now fails, this one fails
      // too -- no need to try the other candidates.
      const bool forced = spec::never_changes_state(calls_[op]);
      set(op);
      if (!memo_.insert(mix(hash_ ^ zobrist_[op] ^ mix(after)), bits_.data(), after)) {
        clear(op);
        if (forced && !backtrack()) return Outcome::kStuck;
        if (!forced) entry_ = next_[entry_];
        continue;
      }
      stack_.push_back({entry_, forced, state_});
      hash_ ^= zobrist_[op];
      state_ = after;
      if (return_of_[op] != kNone) --left_;
      lift(entry_);
      entry_ = first_entry();
    }
    return Outcome::kLinearizable;
  }

  // Valid after run() returned kStuck.
  Violation violation(const std::string& key) const { return found_(key); }

 private:
  static constexpr std::uint32_t kNone = 0xffffffffu;
  struct Event {
    std::uint64_t time;
    std::uint8_t is_return;
    std::uint32_t op;  // local index
    bool operator<(const Event& o) const {
      return std::tie(time, is_return, op) < std::tie(o.time, o.is_return, o.op);
    }
  };
  struct Frame {
    std::uint32_t entry;
    bool forced;        // linearized without loss of generality (see run)
    spec::State state;  // before the op
  };

  // The current configuration failed: undo linearizations up to the nearest
  // one that may still have untried alternatives. False if none is left.
  bool backtrack() {
    for (;;) {
      if (stack_.empty()) return false;
      const Frame top = stack_.back();
      stack_.pop_back();
      const std::uint32_t op = events_[top.entry].op;
      clear(op);
      hash_ ^= zobrist_[op];
      state_ = top.state;
      if (return_of_[op] != kNone) ++left_;
      unlift(top.entry);
      entry_ = next_[top.entry];
      if (!top.forced) return true;
    }
  }

  std::int64_t memory_change() {
    const auto now = static_cast<std::int64_t>(memo_.bytes() + spec_.bytes());
    const std::int64_t delta = now - reported_;
    reported_ = now;
    return delta;
  }

  // Where to start scanning a fresh configuration: at a legal op that never
  // changes state, if one is in flight (it is linearized without branching),
  // else at the head.
  std::uint32_t first_entry() {
    for (std::uint32_t e = next_[head_]; e != kNone && !events_[e].is_return; e = next_[e]) {
      const spec::Call& call = calls_[events_[e].op];
      spec::State after;
      if (spec::never_changes_state(call) && spec_.step(state_, call, after)) return e;
    }
    return next_[head_];
  }

  void set(std::uint32_t op) { bits_[op >> 6] |= 1ULL << (op & 63); }
  void clear(std::uint32_t op) { bits_[op >> 6] &= ~(1ULL << (op & 63)); }

  void lift(std::uint32_t call) {
    next_[prev_[call]] = next_[call];
    if (next_[call] != kNone) prev_[next_[call]] = prev_[call];
    const std::uint32_t ret = return_of_[events_[call].op];
    if (ret == kNone) return;
    next_[prev_[ret]] = next_[ret];
    if (next_[ret] != kNone) prev_[next_[ret]] = prev_[ret];
  }

  void unlift(std::uint32_t call) {
    const std::uint32_t ret = return_of_[events_[call].op];
    if (ret != kNone) {
      next_[prev_[ret]] = ret;
      if (next_[ret] != kNone) prev_[next_[ret]] = ret;
    }
    next_[prev_[call]] = call;
    if (next_[call] != kNone) prev_[next_[call]] = call;
  }

  // Remember the deepest dead end: the explanation shows it.
  void record(std::uint32_t blocked_return, spec::State state) {
    best_ = static_cast<std::ptrdiff_t>(stack_.size());
    best_prefix_.clear();
    for (std::size_t i = 0; i < stack_.size(); ++i)
      best_prefix_.push_back({events_[stack_[i].entry].op, i + 1 < stack_.size() ? stack_[i + 1].state : state});
    best_state_ = state;
    best_blocked_ = events_[blocked_return].op;
    best_pending_.clear();
    for (std::uint32_t e = next_[head_]; e != blocked_return; e = next_[e]) {
      if (!events_[e].is_return && events_[e].op != best_blocked_) best_pending_.push_back(events_[e].op);
    }
  }

  Violation found_(const std::string& key) const {
    Violation v;
    v.key = key;
    for (const auto& [op, after] : best_prefix_) v.prefix.push_back({ids_[op], spec_.value(after)});
    v.state = spec_.value(best_state_);
    v.blocked_op = ids_[best_blocked_];
    v.reason = why_illegal(model_, history_.ops[v.blocked_op], v.state);
    for (std::uint32_t op : best_pending_) v.pending.push_back(ids_[op]);
    return v;
  }

  const History& history_;
  Model model_;
  Budget& budget_;
  Spec spec_;
  std::vector<std::size_t> ids_;  // local op -> index into history.ops
  std::vector<spec::Call> calls_;
  std::vector<Event> events_;
  std::vector<std::uint32_t> next_, prev_, return_of_;
  std::uint32_t head_ = 0;  // sentinel entry
  std::size_t required_ = 0;
  std::size_t words_ = 0;
  std::vector<std::uint64_t> bits_, zobrist_;
  std::vector<Frame> stack_;
  detail::MemoSet memo_;
  spec::State state_ = 0;
  std::uint64_t hash_ = 0;  // XOR of zobrist_ over the linearized ops
  std::size_t left_ = 0;    // required ops not yet linearized
  std::uint32_t entry_ = 0;
  std::int64_t reported_ = 0;  // memory last reported to the budget
  std::ptrdiff_t best_ = -1;
  std::vector<std::pair<std::uint32_t, spec::State>> best_prefix_;
  spec::State best_state_ = 0;
  std::uint32_t best_blocked_ = 0;
  std::vector<std::uint32_t> best_pending_;
};

// All keys' searches advance round-robin with a doubling step quantum, so a
// violation in a cheap key is found even when another key's search is huge
// (c50-bad), yet the order of events -- and so the verdict and explanation --
// does not depend on timing.
template <class Spec>
void check_parts(const History& history, const std::vector<KeyPart>& parts, Model model, Budget& budget,
                 LinearizabilityResult& result) {
  std::vector<std::unique_ptr<Search<Spec>>> searches;
  for (const KeyPart& part : parts) {
    searches.push_back(std::make_unique<Search<Spec>>(history, part.ops, model, budget));
    result.operations += searches.back()->size();
  }
  std::vector<std::size_t> active(parts.size());
  for (std::size_t i = 0; i < active.size(); ++i) active[i] = i;
  for (std::uint64_t quantum = 1 << 12; !active.empty(); quantum = std::min<std::uint64_t>(quantum * 2, 1ULL << 40)) {
    std::vector<std::size_t> still;
    for (std::size_t i : active) {
      switch (searches[i]->run(quantum)) {
        case Outcome::kLinearizable: searches[i].reset(); break;  // frees its memo early
        case Outcome::kPaused: still.push_back(i); break;
        case Outcome::kStuck:
          result.verdict = Verdict::kNotLinearizable;
          result.violation = searches[i]->violation(parts[i].key);
          return;
        case Outcome::kOutOfBudget:
          result.verdict = Verdict::kUnknown;
          result.unknown_reason = parts[i].key.empty() ? budget.exceeded
                                  : fmt::format("{} while checking key \"{}\"", budget.exceeded, parts[i].key);
          return;
      }
    }
    active.swap(still);
  }
}

}  // namespace

LinearizabilityResult check_linearizability(const History& history, Model model,
                                            const LinearizabilityOptions& options) {
  for (std::size_t i = 0; i < history.ops.size(); ++i) {
    if (auto problem = validate(history.ops[i], model); !problem.empty())
      throw std::invalid_argument(fmt::format("operation {}: {}", i, problem));
  }
  Budget budget;
  budget.max_steps = options.max_steps;
  budget.max_memory = options.max_memory_bytes;
  budget.stop_requested = options.stop_requested;
  if (options.budget_seconds > 0)
    budget.deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                         std::chrono::duration<double>(options.budget_seconds));
  LinearizabilityResult result;
  const auto parts = split_by_key(history);
  result.keys = parts.size();
  switch (model) {
    case Model::kRegister: check_parts<spec::Register>(history, parts, model, budget, result); break;
    case Model::kKv: check_parts<spec::KeyValue>(history, parts, model, budget, result); break;
    case Model::kCounter: check_parts<spec::Counter>(history, parts, model, budget, result); break;
  }
  result.steps = budget.steps;
  return result;
}

}  // namespace replicheck::properties
