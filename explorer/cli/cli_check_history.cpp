// `replicheck check-history FILE --model M`: is a recorded history (Jepsen or
// replicheck JSON) linearizable? Exit 0 yes, 1 no, 3 budget exhausted
// (unknown), 2 bad input.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include <fmt/format.h>

#include "explorer/cli/cli.hpp"
#include "explorer/cli/cli_check_txn.hpp"
#include "explorer/cli/validators.hpp"
#include "properties/history_io.hpp"
#include "properties/linearizability.hpp"
#include "properties/report.hpp"

namespace replicheck::cli {

namespace {

namespace props = replicheck::properties;

struct CheckHistoryOptions {
  std::string file;
  std::string model;
  std::string format = "auto";
  std::string report = "text";
  double budget_seconds = 60;
  std::uint64_t max_steps = 0;
  std::uint64_t max_memory_mb = 4096;
  int repeat = 1;
  TxnCliOptions txn;  // list-append and rw-register: cli_check_txn.cpp
};

int bad_input(const std::string& message) {
  std::fprintf(stderr, "replicheck: error: %s\n", message.c_str());
  return kBadInput;
}

bool read_file(const std::string& path, std::string& text, std::string& problem) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return problem = "no such file", false;
  if (std::filesystem::is_directory(path, ec)) return problem = "is a directory, not a history file", false;
  std::ifstream in(path, std::ios::binary);
  if (!in) return problem = "cannot be opened for reading", false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return problem = "could not be read", false;
  text = std::move(buffer).str();
  return true;
}

std::string at(const std::string& file, std::size_t line) {
  return line == 0 ? file : fmt::format("{}:{}", file, line);
}

int check_history(const CheckHistoryOptions& opt) {
  props::Model model{};
  props::Format format{};
  if (!is_txn_model(opt.model) && !props::parse_model(opt.model, model)) return bad_input(fmt::format("unknown model '{}'", opt.model));
  if (!props::parse_format(opt.format, format)) return bad_input(fmt::format("unknown format '{}'", opt.format));
  std::string text, problem;
  if (!read_file(opt.file, text, problem)) return bad_input(fmt::format("{}: {}", opt.file, problem));
  if (is_txn_model(opt.model)) return check_txn_history(opt.file, text, format, opt.model, opt.report, opt.txn, opt.budget_seconds, opt.max_steps);
  props::LoadedHistory loaded;
  try {
    loaded = props::parse_history(text, format, opt.file);
  } catch (const props::ParseError& e) {
    return bad_input(fmt::format("{}: {}", at(opt.file, e.line), e.what()));
  }
  const auto& ops = loaded.history.ops;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    if (auto wrong = props::validate(ops[i], model); !wrong.empty()) {
      const std::size_t line = i < loaded.lines.size() ? loaded.lines[i].invoke : 0;
      return bad_input(fmt::format("{}: operation {} ({}): {}", at(opt.file, line), i + 1, props::describe(ops[i]), wrong));
    }
  }
  if (ops.empty())
    std::fprintf(stderr, "replicheck: note: %s: the history has no operations, so it is trivially linearizable\n",
                 opt.file.c_str());

  // --repeat (hidden, for bench/history_bench.sh): the median of N runs of the
  // check alone, like porcupine's reference times. Parsing is not timed.
  const props::LinearizabilityOptions limits{opt.budget_seconds, opt.max_steps, std::min<std::uint64_t>(opt.max_memory_mb, 1ULL << 40) << 20};
  props::LinearizabilityResult result;
  std::vector<double> seconds;
  for (int i = 0; i < std::max(1, opt.repeat); ++i) {
    const auto start = std::chrono::steady_clock::now();
    result = props::check_linearizability(loaded.history, model, limits);
    seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(seconds.begin(), seconds.end());

  const props::ReportInput report{opt.file, model, &loaded, &result, seconds[seconds.size() / 2]};
  if (opt.report == "json") {
    std::printf("%s\n", props::render_json(report).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
  } else {
    std::fputs(props::render_text(report).c_str(), stdout);
  }
  switch (result.verdict) {
    case props::Verdict::kLinearizable: return kPass;
    case props::Verdict::kNotLinearizable: return kViolation;
    case props::Verdict::kUnknown: return kIncomplete;
  }
  return kBadInput;
}

}  // namespace

void add_check_history(CLI::App& app, Runner& run) {
  auto opt = std::make_shared<CheckHistoryOptions>();
  CLI::App* cmd = app.add_subcommand(
      "check-history",
      "Check that a recorded history is linearizable for a sequential model.\n"
      "Each key is an independent object and is checked on its own. Operations\n"
      "that timed out (:info) may take effect at any time after their invocation\n"
      "or never; a failed cas took effect without changing state.\n"
      "Exit codes: 0 linearizable, 1 not linearizable, 2 bad input, 3 unknown (budget exhausted).");
  cmd->add_option("FILE", opt->file, "History file: Jepsen log (etcd_NNN.log), kv-log (cNN-*.txt), edn or json")
      ->required();
  cmd->add_option("--model", opt->model, "Sequential specification: register (read/write/cas), "
                                         "kv (get/put/append) or counter (increment/read)")
      ->required()
      ->check(CLI::IsMember({"register", "kv", "counter", "list-append", "rw-register"}));
  add_txn_options(*cmd, opt->txn);
  cmd->add_option("--format", opt->format, "History format; auto detects it from the content or extension")
      ->check(CLI::IsMember({"auto", "jepsen-log", "kv-log", "edn", "json"}))
      ->capture_default_str();
  cmd->add_option("--report", opt->report, "text: verdict and a readable explanation; json: one JSON object")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->add_option("--budget-seconds", opt->budget_seconds,
                  "Give up with 'unknown' (exit 3) after this much checking time; 0 = no limit")
      ->check(seconds(false))
      ->capture_default_str();
  cmd->add_option("--max-steps", opt->max_steps, "Give up with 'unknown' after this many search steps; 0 = no limit")
      ->check(count_at_least(0))
      ->capture_default_str();
  cmd->add_option("--max-memory-mb", opt->max_memory_mb,
                  "Give up with 'unknown' once the search holds this much memory; 0 = no limit")
      ->check(count_at_least(0))
      ->capture_default_str();
  cmd->add_option("--repeat", opt->repeat, "Run the check N times and report the median time")
      ->check(CLI::Range(1, 100000))
      ->group("");  // hidden: used by bench/history_bench.sh
  cmd->callback([opt, &run] { run = [opt] { return check_history(*opt); }; });
}

}  // namespace replicheck::cli
