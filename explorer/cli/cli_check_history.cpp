// `replicheck check-history FILE... --model M`: is each recorded history
// (Jepsen or replicheck JSON; `-` is stdin) linearizable, and does it keep
// the session guarantees asked for? Exit 0 yes, 1 no, 3 budget exhausted or
// interrupted (unknown), 2 bad input; with several files the worst of them
// (bad input, then a violation, then unknown).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include <fmt/format.h>

#include "explorer/cli/cli.hpp"
#include "explorer/cli/cli_check_txn.hpp"
#include "explorer/cli/validators.hpp"
#include "explorer/search/run_control.hpp"
#include "properties/history_io.hpp"
#include "properties/linearizability.hpp"
#include "properties/report.hpp"
#include "properties/session.hpp"
#include "properties/txn_check.hpp"

namespace replicheck::cli {

namespace {

namespace props = replicheck::properties;

constexpr const char* kLinearizable = "linearizable";
constexpr const char* kStdin = "-";

struct CheckHistoryOptions {
  std::vector<std::string> files;
  std::string model;
  std::string format = "auto";
  std::string report = "text";
  std::vector<std::string> consistency;  // empty: linearizable (or, for transactions, strict-serializable)
  double budget_seconds = 60;
  std::uint64_t max_steps = 0;
  std::uint64_t max_memory = 4096ULL << 20;  // bytes; 0 = no limit
  int repeat = 1;
};

// What each file ended as, for the total line and the exit code.
struct Tally {
  std::size_t pass = 0, violation = 0, unknown = 0, bad = 0;
  void add(int code) {
    ++(code == kPass ? pass : code == kViolation ? violation : code == kIncomplete ? unknown : bad);
  }
  // Bad input first (a CI job must not pass on a file it could not read),
  // then a definite violation, then an undecided file.
  int exit_code() const { return bad ? kBadInput : violation ? kViolation : unknown ? kIncomplete : kPass; }
};

int bad_input(const std::string& message) {
  std::fflush(stdout);  // the reports of earlier files first, in a log of both
  std::fprintf(stderr, "replicheck: error: %s\n", message.c_str());
  return kBadInput;
}

std::string shown_name(const std::string& file) { return file == kStdin ? "<stdin>" : file; }

bool read_input(const std::string& path, std::string& text, std::string& problem) {
  std::ostringstream buffer;
  if (path == kStdin) {
    buffer << std::cin.rdbuf();
    if (std::cin.bad()) return problem = "could not be read", false;
    text = std::move(buffer).str();
    return true;
  }
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return problem = "no such file", false;
  if (std::filesystem::is_directory(path, ec)) return problem = "is a directory, not a history file", false;
  std::ifstream in(path, std::ios::binary);
  if (!in) return problem = "cannot be opened for reading", false;
  buffer << in.rdbuf();
  if (in.bad()) return problem = "could not be read", false;
  text = std::move(buffer).str();
  return true;
}

std::string at(const std::string& file, std::size_t line) {
  return line == 0 ? file : fmt::format("{}:{}", file, line);
}

std::vector<props::Guarantee> guarantees_asked(const CheckHistoryOptions& opt) {
  std::vector<props::Guarantee> out;
  for (props::Guarantee g : props::kAllGuarantees)
    if (std::find(opt.consistency.begin(), opt.consistency.end(), props::to_string(g)) != opt.consistency.end())
      out.push_back(g);
  return out;
}

bool wants_linearizable(const CheckHistoryOptions& opt) {
  return opt.consistency.empty() ||
         std::find(opt.consistency.begin(), opt.consistency.end(), kLinearizable) != opt.consistency.end();
}

// Ctrl-C or SIGTERM (what `timeout` and CI runners send): the check ends as
// unknown, with the report, as a spent budget does.
std::string stop_requested() {
  return InterruptGuard::interrupted() ? fmt::format("interrupted by {}", InterruptGuard::signal_name()) : "";
}

// Linearizability of one loaded history: prints nothing, fills `json` or
// `text`; returns the file's exit code.
int check_linearizable(const CheckHistoryOptions& opt, const std::string& name, props::Model model,
                       const props::LoadedHistory& loaded, nlohmann::ordered_json& json, std::string& text) {
  // --repeat (hidden, for bench/history_bench.sh): the median of N runs of the
  // check alone, like porcupine's reference times. Parsing is not timed.
  props::LinearizabilityOptions limits{opt.budget_seconds, opt.max_steps,
                                       opt.max_memory, stop_requested};
  props::LinearizabilityResult result;
  std::vector<double> seconds;
  for (int i = 0; i < std::max(1, opt.repeat); ++i) {
    const auto start = std::chrono::steady_clock::now();
    result = props::check_linearizability(loaded.history, model, limits);
    seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(seconds.begin(), seconds.end());
  const props::ReportInput report{name, model, &loaded, &result, seconds[seconds.size() / 2]};
  json = props::render_json(report);
  text = props::render_text(report);
  switch (result.verdict) {
    case props::Verdict::kLinearizable: return kPass;
    case props::Verdict::kNotLinearizable: return kViolation;
    case props::Verdict::kUnknown: return kIncomplete;
  }
  return kBadInput;
}

// Checks one file and prints its report (text) or fills `json`.
int check_file(const CheckHistoryOptions& opt, const std::string& file, nlohmann::ordered_json& json) {
  const std::string name = shown_name(file);
  auto bad_input = [&](const std::string& message) {
    json = {{"file", name}, {"error", message}};
    return cli::bad_input(message);
  };
  props::Model model{};
  props::Format format{};
  const bool txn = is_txn_model(opt.model);
  if (!txn && !props::parse_model(opt.model, model)) return bad_input(fmt::format("unknown model '{}'", opt.model));
  if (!props::parse_format(opt.format, format)) return bad_input(fmt::format("unknown format '{}'", opt.format));
  std::string level;  // list-append, rw-register: the transactional model asked for
  if (auto wrong = txn_consistency(opt.model, opt.consistency, level); !wrong.empty()) return bad_input(wrong);
  const std::vector<props::Guarantee> guarantees = guarantees_asked(opt);
  if (!guarantees.empty() && model == props::Model::kCounter)
    return bad_input(fmt::format("--consistency {}: session guarantees are checked on register and kv histories, "
                                 "not counter",
                                 props::to_string(guarantees.front())));
  std::string text, problem;
  const bool read = read_input(file, text, problem);
  if (InterruptGuard::interrupted()) {  // e.g. SIGTERM while waiting on stdin: what was read may be cut short
    json = {{"file", name}, {"error", stop_requested() + " while reading"}};
    std::fflush(stdout);
    std::fprintf(stderr, "replicheck: note: %s: %s while reading; not checked\n", name.c_str(),
                 stop_requested().c_str());
    return kIncomplete;
  }
  if (!read) return bad_input(fmt::format("{}: {}", name, problem));
  if (txn)
    return check_txn_history(name, text, format, opt.model, level, opt.report == "text", opt.budget_seconds,
                             opt.max_steps, json);
  props::LoadedHistory loaded;
  try {
    loaded = props::parse_history(text, format, file == kStdin ? "" : file);
  } catch (const props::ParseError& e) {
    return bad_input(fmt::format("{}: {}", at(name, e.line), e.what()));
  }
  const auto& ops = loaded.history.ops;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    if (auto wrong = props::validate(ops[i], model); !wrong.empty()) {
      const std::size_t line = i < loaded.lines.size() ? loaded.lines[i].invoke : 0;
      return bad_input(fmt::format("{}: operation {} ({}): {}", at(name, line), i + 1, props::describe(ops[i]), wrong));
    }
  }
  if (ops.empty())
    std::fprintf(stderr, "replicheck: note: %s: the history has no operations, so it is trivially linearizable\n",
                 name.c_str());
  int code = kPass;
  std::string report;
  if (wants_linearizable(opt)) {
    code = check_linearizable(opt, name, model, loaded, json, report);
  } else {
    json = {{"file", name}, {"model", std::string(props::to_string(model))},
            {"format", std::string(props::to_string(loaded.format))}, {"operations", ops.size()}};
  }
  if (!guarantees.empty()) {
    const props::SessionResult session = props::check_session_guarantees(loaded.history, model, guarantees);
    const props::SessionReportInput in{name, &loaded.history, guarantees, &session};
    json["session"] = props::render_session_json(in);
    report += props::render_session_text(in);
    if (!session.ok()) code = kViolation;
  }
  if (opt.report == "text") std::fputs(report.c_str(), stdout);
  return code;
}

int check_history(const CheckHistoryOptions& opt) {
  InterruptGuard guard;
  Tally tally;
  nlohmann::ordered_json files = nlohmann::ordered_json::array();
  std::size_t not_checked = 0;
  for (std::size_t i = 0; i < opt.files.size(); ++i) {
    if (InterruptGuard::interrupted()) {
      not_checked = opt.files.size() - i;
      break;
    }
    nlohmann::ordered_json json;
    const int code = check_file(opt, opt.files[i], json);
    tally.add(code);
    files.push_back(std::move(json));
  }
  const bool several = opt.files.size() > 1;
  const std::string total =
      fmt::format("{} files: {} pass, {} violation, {} unknown, {} bad input", opt.files.size(), tally.pass,
                  tally.violation, tally.unknown, tally.bad) +
      (not_checked ? fmt::format(", {} not checked ({})", not_checked, stop_requested()) : "");
  auto dump = [](const nlohmann::ordered_json& j) {
    std::printf("%s\n", j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
  };
  if (opt.report == "json" && !several) {
    if (tally.bad == 0) dump(files.front());
  } else if (opt.report == "json") {
    dump({{"files", files},
          {"total", {{"files", opt.files.size()}, {"pass", tally.pass}, {"violation", tally.violation},
                     {"unknown", tally.unknown}, {"bad_input", tally.bad}, {"not_checked", not_checked}}}});
  } else if (several) {
    std::printf("total: %s\n", total.c_str());
  }
  if (not_checked) tally.unknown += not_checked;
  return tally.exit_code();
}

}  // namespace

void add_check_history(CLI::App& app, Runner& run) {
  auto opt = std::make_shared<CheckHistoryOptions>();
  CLI::App* cmd = app.add_subcommand(
      "check-history",
      "Check that a recorded history is linearizable for a sequential model.\n"
      "Each key is an independent object and is checked on its own. Operations\n"
      "that timed out (:info) may take effect at any time after their invocation\n"
      "or never; a failed cas took effect without changing state. --consistency adds\n"
      "session guarantees. Ctrl-C or SIGTERM ends the check as unknown, with its report.\n"
      "Exit codes: 0 linearizable (and the guarantees hold), 1 not, 2 bad input,\n"
      "3 unknown (budget exhausted or interrupted); several files: the worst of them.");
  cmd->add_option("FILE", opt->files,
                  "History files: Jepsen log (etcd_NNN.log), kv-log (cNN-*.txt), edn or json; - reads stdin.\n"
                  "With several, one report each (its first line the summary), then a total line")
      ->required();
  cmd->add_option("--model", opt->model, "Sequential specification: register (read/write/cas), "
                                         "kv (get/put/append) or counter (increment/read)")
      ->required()
      ->check(CLI::IsMember({"register", "kv", "counter", "list-append", "rw-register"}));
  describe_txn_models(*cmd);
  cmd->add_option("--format", opt->format, "History format; auto detects it from the content or extension")
      ->check(CLI::IsMember({"auto", "jepsen-log", "kv-log", "edn", "json"}))
      ->capture_default_str();
  cmd->add_option("--report", opt->report, "text: verdict and a readable explanation; json: one JSON object")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  std::vector<std::string> checks{kLinearizable};
  for (props::Guarantee g : props::kAllGuarantees) checks.emplace_back(props::to_string(g));
  for (std::size_t c = 0; c < props::kConsistencyCount; ++c)
    checks.emplace_back(props::to_string(static_cast<props::Consistency>(c)));
  cmd->add_option("--consistency", opt->consistency,
                  "What to check, comma-separated: linearizable (the default) and the session guarantees\n"
                  "read-your-writes, monotonic-reads, monotonic-writes, writes-follow-reads, no-lost-writes\n"
                  "(checked jointly; register and kv models; docs/history-format.md says what each demands);\n"
                  "for list-append and rw-register, one of read-uncommitted, read-committed, read-atomic,\n"
                  "snapshot-isolation, serializable, strict-serializable (the default)")
      ->delimiter(',')
      ->check(CLI::IsMember(checks));
  cmd->add_option("--budget-seconds", opt->budget_seconds,
                  "Give up with 'unknown' (exit 3) after this much checking time; 0 = no limit")
      ->check(seconds(false))
      ->capture_default_str();
  cmd->add_option("--max-seconds", opt->budget_seconds, "The same as --budget-seconds, named as check's bound")
      ->check(seconds(false));
  cmd->add_option("--max-steps", opt->max_steps, "Give up with 'unknown' after this many search steps; 0 = no limit")
      ->check(count_at_least(0))
      ->capture_default_str();
  cmd->add_option_function<std::string>(
      "--max-memory", [opt](const std::string& s) { opt->max_memory = parse_bytes("--max-memory", s, true); },
      "Give up with 'unknown' once the search holds this much memory (K/M/G suffixes, as\n"
      "check's; default 4G; 0 = no limit)");
  // The older spelling, in MiB, kept for scripts.
  cmd->add_option_function<std::uint64_t>(
         "--max-memory-mb", [opt](std::uint64_t mb) { opt->max_memory = std::min<std::uint64_t>(mb, 1ULL << 40) << 20; },
         "Give up with 'unknown' once the search holds this many MiB; 0 = no limit (older form of --max-memory)")
      ->check(count_at_least(0));
  cmd->add_option("--repeat", opt->repeat, "Run the check N times and report the median time")
      ->check(CLI::Range(1, 100000))
      ->group("");  // hidden: used by bench/history_bench.sh
  cmd->callback([opt, &run] { run = [opt] { return check_history(*opt); }; });
}

}  // namespace replicheck::cli
