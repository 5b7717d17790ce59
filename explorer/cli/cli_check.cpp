// `replicheck check MODEL`: explore a model and report every property.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <thread>

#include <fmt/format.h>
#include <unistd.h>

#include "explorer/cli/cli.hpp"
#include "explorer/cli/expectations.hpp"
#include "explorer/cli/junit.hpp"
#include "explorer/cli/report.hpp"
#include "explorer/cli/validators.hpp"
#include "explorer/search/bfs.hpp"
#include "explorer/search/byte_arena.hpp"
#include "explorer/search/dfs.hpp"
#include "explorer/search/run_control.hpp"
#include "explorer/search/simulate.hpp"
#include "explorer/search/sleep_sets.hpp"
#include "models/catalog.hpp"

namespace replicheck::cli {
namespace {

struct CheckArgs {
  std::string model;
  std::vector<std::string> params;
  unsigned workers = std::max(1u, std::thread::hardware_concurrency());
  std::uint64_t max_depth = UINT64_MAX, max_states = UINT64_MAX, max_memory = 0;
  double max_seconds = 0;
  std::string strategy = "bfs";
  std::uint64_t simulate = 0, seed = 0;
  std::string report = "text";
  std::string trace_out, trace_property;
  std::vector<std::string> expect;
  bool no_progress = false;
  std::string symmetry = "on";
  std::string partial_order = "off";
};

// The bound named by `reason`, as given on the command line, for the report.
std::string stop_detail(const CheckArgs& a, const std::string& reason) {
  if (reason == "max-states") return grouped(a.max_states) + " states";
  if (reason == "max-depth") return fmt::format("depth {}", a.max_depth);
  if (reason == "max-memory")
    return a.max_memory ? fmt::format("{:.1f} MiB", double(a.max_memory) / (1 << 20)) : "80% of RAM";
  if (reason == "max-seconds") return fmt::format("{} s", a.max_seconds);
  if (reason == "max-disk")
    return fmt::format("under {} GiB free in {} for the BFS frontier", SearchOptions{}.min_free_disk >> 30, temp_dir());
  if (reason == "interrupted") return InterruptGuard::signal_name();
  if (reason == "simulation") return fmt::format("{} random walks; simulation is not exhaustive", a.simulate);
  return "";
}

// The trace --trace-out saves: --trace-property's, else, with --expect, the
// first violation that was not declared (an expected one is what the run
// already knew), else the first violation. Null when there is none.
const PropertyOutcome* trace_to_save(const CheckArgs& a, const Result& result, const Expectations& expect) {
  for (const auto& p : result.properties) {
    if (!a.trace_property.empty()) {
      if (p.name == a.trace_property && p.trace) return &p;
    } else if (p.status == "violated" && (expect.empty() || expect.expected(p) != p.status)) {
      return &p;
    }
  }
  return nullptr;
}

// Writes it and says which, on stderr, or why there is none.
void save_trace(const CheckArgs& a, const RunInfo& run, const PropertyOutcome* chosen, const Expectations& expect) {
  std::fflush(stdout);  // the report first: both may go to one log
  if (!chosen) {
    const std::string why = !a.trace_property.empty()
                                ? fmt::format("'{}' has no trace (neither violated nor reached)", a.trace_property)
                            : expect.empty() ? "no violation"
                                             : "no unexpected violation";
    const char* hint = expect.empty() || !a.trace_property.empty() ? "" : " (--trace-property P saves an expected one)";
    fmt::print(stderr, "replicheck: note: {}, so no trace written to {}{}\n", why, a.trace_out, hint);
    return;
  }
  write_counterexample(a.trace_out, counterexample(run, *chosen));
  fmt::print(stderr, "trace of {} written to {}\n", chosen->name, a.trace_out);
}

// With --expect: 0 when every property ends as declared, 1 when one does
// not, 3 when the run ended before deciding some. `report`: the JSON report
// to annotate; `text`: print the outcome (else, for JUnit, say nothing).
int judge(const Expectations& expect, const Result& result, nlohmann::json* report, bool text) {
  auto outcome = expect.compare(result.properties);
  if (report) {
    for (std::size_t i = 0; i < result.properties.size(); ++i)
      (*report)["properties"][i]["expected"] = expect.expected(result.properties[i]);
    (*report)["as_expected"] = outcome.surprises.empty() && outcome.undecided == 0;
    (*report)["surprises"] = outcome.surprises;
  } else if (text) {
    for (const auto& s : outcome.surprises) fmt::print("unexpected  {}\n", s);
    if (outcome.surprises.empty())
      fmt::print("expected    {}\n", outcome.undecided ? fmt::format("no surprise, {} properties undecided",
                                                                       outcome.undecided)
                                                       : std::string("every property ends as declared"));
  }
  if (!outcome.surprises.empty()) return kViolation;
  return outcome.undecided ? kIncomplete : kPass;
}

// Harmless, so a warning, but never silent: why --partial-order does nothing.
template <class M>
void warn_unused_partial_order(const M& model, const SearchOptions& opt, const std::string& strategy,
                               const std::string& given) {
  std::string why;
  if (opt.persistent_sets) {
    why = persistent_sets_offered(model).empty() ? std::string(M::kName) + " names no action that may be taken alone"
          : strategy == "simulate"               ? "a simulation takes every action (bfs and dfs only)"
                                                 : "";
  } else {
    why = partial_order_offered(model).empty()  ? std::string(M::kName) + " declares no footprints"
          : strategy != "bfs"                   ? strategy + " does not use it (bfs only)"
          : !symmetry_in_use(model, opt).empty() ? "a symmetry is in use (add --symmetry off)"
                                                 : "";
  }
  if (!why.empty()) fmt::print(stderr, "replicheck: warning: --partial-order {} is ignored: {}\n", given, why);
}

template <class M>
int check(const CheckArgs& a) {
  Params params(M::param_specs(), a.params);
  M model(params);
  std::vector<std::pair<std::string, PropertyKind>> declared_properties;
  for (const auto& p : model.properties()) declared_properties.emplace_back(p.name, p.kind);
  Expectations expect(a.expect, declared_properties);
  if (!a.trace_property.empty() &&
      std::none_of(declared_properties.begin(), declared_properties.end(),
                   [&](const auto& p) { return p.first == a.trace_property; }))
    throw BadExpectation(fmt::format("--trace-property: no property '{}' (see `replicheck list {}`)",
                                     a.trace_property, M::kName));
  SearchOptions opt;
  opt.workers = a.workers;
  opt.max_depth = a.max_depth;
  opt.max_states = a.max_states;
  opt.max_memory = a.max_memory;
  opt.max_seconds = a.max_seconds;
  opt.seed = a.seed;
  opt.simulate_runs = a.simulate;
  opt.progress = !a.no_progress;
  opt.symmetry = a.symmetry == "on";
  opt.partial_order = a.partial_order == "on" || a.partial_order == "sleep-sets";
  opt.persistent_sets = a.partial_order == "persistent-sets";
  std::string strategy = a.simulate ? "simulate" : a.strategy;
  if (opt.partial_order || opt.persistent_sets) warn_unused_partial_order(model, opt, strategy, a.partial_order);
  Result result = strategy == "simulate" ? simulate(model, opt)
                  : strategy == "dfs"    ? depth_first(model, opt)
                                         : Bfs<M>(model, opt).run();
  // A run that stopped at a bound where a reduction was left unused: say so.
  if (!result.complete() && strategy != "simulate" && !opt.persistent_sets && !opt.partial_order &&
      !persistent_sets_offered(model).empty())
    fmt::print(stderr, "replicheck: hint: --partial-order persistent-sets would prune states here ({} taken "
                       "alone; the same verdicts, traces not necessarily shortest)\n",
               persistent_sets_offered(model));
  RunInfo info{std::string(M::kName), params.effective(), strategy,
               strategy == "bfs" ? std::max(1u, a.workers) : 1u};
  const PropertyOutcome* traced = a.trace_out.empty() ? nullptr : trace_to_save(a, result, expect);
  const std::string detail = stop_detail(a, result.incomplete_reason);
  int code = -1;
  if (a.report == "json") {
    nlohmann::json report = json_report(info, result);
    if (!expect.empty()) code = judge(expect, result, &report, false);
    fmt::print("{}\n", report.dump(2));
  } else if (a.report == "junit") {
    fmt::print("{}", junit_report({&info, &result, &expect, traced ? a.trace_out : "",
                                   traced ? traced->name : "", detail}));
    if (!expect.empty()) code = judge(expect, result, nullptr, false);
  } else {
    print_text_report(stdout, info, result, detail);
    if (!expect.empty()) code = judge(expect, result, nullptr, true);
  }
  if (!a.trace_out.empty()) save_trace(a, info, traced, expect);
  if (code != -1) return code;
  switch (result.verdict) {
    case Verdict::Pass: return kPass;
    case Verdict::Violation: return kViolation;
    case Verdict::Incomplete: return kIncomplete;
  }
  return kIncomplete;
}

}  // namespace

void add_check(CLI::App& app, Runner& run) {
  auto args = std::make_shared<CheckArgs>();
  auto* cmd = app.add_subcommand(
      "check",
      "Explore a model and check its properties. Default: exhaustive breadth-first search,\n"
      "which reports shortest counterexamples. Exit 0 pass, 1 violation, 2 bad input,\n"
      "3 incomplete (a bound, Ctrl-C or SIGTERM ended the run before the space was exhausted).\n"
      "A violation is a definite answer: a run stopped by a bound that found one exits 1,\n"
      "and its report still says `stopped by ...: incomplete` (JSON: \"complete\": false,\n"
      "\"stopped_by\"), since the properties marked unknown were not decided.");
  cmd->add_option("model", args->model,
                  "model to check (" + models::model_names() + "; see `replicheck list`)")
      ->required();
  cmd->add_option("--param,-p", args->params, "model parameter key=value (repeatable)");
  add_workers_option(cmd, args->workers);
  cmd->add_option("--max-depth", args->max_depth, "explore at most this many steps from the start")
      ->check(count_at_least(0));
  cmd->add_option("--max-states", args->max_states, "stop after this many distinct states")
      ->check(count_at_least(0));
  cmd->add_option("--max-seconds", args->max_seconds,
                  "stop after about S seconds of search, checked where the other bounds are")
      ->check(seconds(true));
  cmd->add_option_function<std::string>(
      "--max-memory", [args](const std::string& s) { args->max_memory = parse_bytes("--max-memory", s); },
      "stop cleanly once resident memory reaches BYTES, checked between batches of states\n"
      "(K/M/G suffixes; default 80% of RAM)");
  auto* strategy = cmd->add_option("--strategy", args->strategy, "bfs (shortest traces) or dfs")
                       ->check(CLI::IsMember({"bfs", "dfs"}));
  // A simulation is its own strategy, and a seed means nothing without one.
  auto* simulate = cmd->add_option("--simulate", args->simulate,
                                   "random simulation: RUNS random walks instead of exhaustive search")
                       ->check(count_at_least(1))
                       ->excludes(strategy);
  cmd->add_option("--seed", args->seed, "seed of the random simulation (default 0)")
      ->check(count_at_least(0))
      ->needs(simulate);
  cmd->add_option("--report", args->report,
                  "text (default), json (one JSON object on stdout) or junit (JUnit XML on stdout:\n"
                  "one test case per property; a failure names the --trace-out file of its trace)")
      ->check(CLI::IsMember({"text", "json", "junit"}));
  cmd->add_option("--trace-out", args->trace_out,
                  "write the first violation's trace to FILE (with --expect, the first unexpected\n"
                  "one); the extension picks the format:\n"
                  ".txt swimlanes, .json (replayable), .mmd Mermaid, .html viewer")
      ->check(trace_extension_error)
      ->check(writable_path_error);
  cmd->add_option("--trace-property", args->trace_property,
                  "with --trace-out: save this property's trace (a violation, or a sometimes\n"
                  "property's witness) instead of the first unexpected violation")
      ->needs("--trace-out");
  cmd->add_option("--expect", args->expect,
                  "PROPERTY=STATUS (repeatable): declare a verdict, e.g. linearizable=violated;\n"
                  "then exit 0 when every property ends as declared (those not named: holds,\n"
                  "or reached for sometimes), 1 when one does not, 3 when some stay undecided");
  cmd->add_option("--symmetry", args->symmetry,
                  "on (default) or off: where the model declares interchangeable elements\n"
                  "(`replicheck list MODEL` says which), store one state per orbit: fewer states,\n"
                  "same verdicts, concrete traces; the report says what was reduced. BFS and DFS\n"
                  "only: a simulation's walks and counts are of concrete states")
      ->check(CLI::IsMember({"on", "off"}));
  cmd->add_option("--partial-order", args->partial_order,
                  "off (default), sleep-sets (or on) or persistent-sets; `replicheck list MODEL`\n"
                  "says which the model offers.\n"
                  "sleep-sets: where the model declares what each action reads and writes, a\n"
                  "transition whose successor another path of the same length reaches is not\n"
                  "taken again. Every state is still visited: counts, verdicts and shortest\n"
                  "traces are the same, only the generated count drops (it has not yet saved\n"
                  "time here). BFS only, and not with a symmetry in use (--symmetry off).\n"
                  "persistent-sets: where the model names an action that commutes with all\n"
                  "others and no property sees (lww: a replicator shipping a write when no\n"
                  "fault could stop it), only that action is taken. Fewer states, the same\n"
                  "verdicts; traces are real but not necessarily shortest. BFS and DFS, with\n"
                  "or without a symmetry")
      ->check(CLI::IsMember({"off", "on", "sleep-sets", "persistent-sets"}));
  cmd->add_flag("--no-progress", args->no_progress,
               "no progress line on stderr (states, rate, depth, memory, after 2 s: on a\n"
               "terminal rewritten in place, elsewhere a line every 5 s)");
  cmd->callback([args, cmd, &run] {
    // Harmless, so a warning: only BFS runs on several threads.
    if (cmd->count("--workers") && args->workers > 1 && (args->simulate || args->strategy == "dfs"))
      fmt::print(stderr, "replicheck: warning: --workers {} is ignored: {} runs on one thread\n", args->workers,
                 args->simulate ? "simulation" : "dfs");
    run = [args]() -> int {
      int code = kBadInput;
      auto run_check = [&](auto tag) { code = check<typename decltype(tag)::type>(*args); };
      if (!models::with_model(args->model, run_check)) {
        fmt::print(stderr, "replicheck: error: unknown model '{}' (models: {})\n", args->model, models::model_names());
        return kBadInput;
      }
      return code;
    };
  });
}

}  // namespace replicheck::cli
