#include "explorer/cli/cli_check_txn.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "explorer/cli/cli.hpp"
#include "properties/txn_check.hpp"
#include "properties/txn_io.hpp"

namespace replicheck::cli {

namespace {

namespace props = replicheck::properties;

std::string_view word(props::Holds h) {
  return h == props::Holds::kYes ? "yes" : h == props::Holds::kNo ? "no" : "unknown";
}

std::string render_text(const std::string& file, props::Workload w, props::Consistency asked,
                        const props::LoadedTxnHistory& loaded, const props::TxnCheckResult& r, double seconds) {
  const auto& h = loaded.history;
  std::string out = fmt::format("{}: {} history, {} transactions, checked in {:.3f} s\n", file, to_string(w), h.txns.size(), seconds);
  const props::Holds verdict = r.holds_model(asked);
  out += fmt::format("{}: {}\n", to_string(asked),
                     verdict == props::Holds::kYes ? "satisfied" : verdict == props::Holds::kNo ? "NOT SATISFIED" : "undecided");
  const auto best = r.strongest();
  out += fmt::format("strongest model satisfied: {}\n", best ? std::string(to_string(*best)) : "none of the hierarchy");
  for (std::size_t c = 0; c < props::kConsistencyCount; ++c) {
    std::vector<std::string> names;  // each name once: several anomalies may share it
    for (std::size_t i : r.ruled_out_by[c]) {
      if (std::find(names.begin(), names.end(), r.anomalies[i].name) == names.end()) names.push_back(r.anomalies[i].name);
    }
    const std::string why = fmt::format("{}", fmt::join(names, ", "));
    out += fmt::format("  {:<20} {}{}\n", to_string(static_cast<props::Consistency>(c)), word(r.holds[c]),
                       why.empty() ? "" : " (" + why + ")");
  }
  if (!r.note.empty()) out += "note: " + r.note + "\n";
  for (const props::Anomaly& a : r.anomalies) out += "\n" + props::explain(a, h, w) + "\n";
  return out;
}

nlohmann::ordered_json render_json(const std::string& file, props::Workload w, props::Consistency asked,
                                   const props::LoadedTxnHistory& loaded, const props::TxnCheckResult& r, double seconds) {
  nlohmann::ordered_json j;
  const props::Holds verdict = r.holds_model(asked);
  j["file"] = file;
  j["model"] = std::string(to_string(w));
  j["consistency"] = std::string(to_string(asked));
  j["verdict"] = verdict == props::Holds::kYes ? "satisfied" : verdict == props::Holds::kNo ? "violated" : "unknown";
  const auto best = r.strongest();
  j["strongest"] = best ? nlohmann::ordered_json(std::string(to_string(*best))) : nlohmann::ordered_json(nullptr);
  for (std::size_t c = 0; c < props::kConsistencyCount; ++c)
    j["models"][std::string(to_string(static_cast<props::Consistency>(c)))] = std::string(word(r.holds[c]));
  j["transactions"] = loaded.history.txns.size();
  j["versions_exact"] = r.versions_exact;
  j["seconds"] = seconds;
  if (!r.note.empty()) j["note"] = r.note;
  j["anomalies"] = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < r.anomalies.size(); ++i) {
    const props::Anomaly& a = r.anomalies[i];
    nlohmann::ordered_json aj;
    aj["name"] = a.name;
    for (std::size_t c = 0; c < props::kConsistencyCount; ++c) {
      const auto& by = r.ruled_out_by[c];
      if (std::find(by.begin(), by.end(), i) != by.end()) aj["rules_out"].push_back(std::string(to_string(static_cast<props::Consistency>(c))));
    }
    if (!a.explanation.empty()) aj["explanation"] = a.explanation;
    if (a.more != 0) aj["more"] = a.more;
    for (const props::CycleEdge& e : a.cycle) {
      const std::size_t line = e.from < loaded.lines.size() ? loaded.lines[e.from].invoke : 0;
      aj["cycle"].push_back({{"from", e.from + 1}, {"to", e.to + 1}, {"edge", std::string(to_string(e.kind))},
                             {"why", e.why}, {"line", line}, {"txn", to_string(loaded.history.txns[e.from], w)}});
    }
    j["anomalies"].push_back(aj);
  }
  return j;
}

}  // namespace

bool is_txn_model(const std::string& model) { return model == "list-append" || model == "rw-register"; }

void describe_txn_models(CLI::App& cmd) {
  cmd.description(cmd.get_description() +
                  "\nWith --model list-append or rw-register: a history of transactions (Jepsen/Elle EDN or\n"
                  "json), checked against one --consistency level of read-uncommitted < read-committed <\n"
                  "read-atomic < snapshot-isolation < serializable < strict-serializable (the default); the\n"
                  "report names the strongest that holds. Exit codes: 0 the level holds, 1 it does not (each\n"
                  "anomaly explained), 2 bad input, 3 undecided (rw-register search out of budget;\n"
                  "--budget-seconds and --max-steps bound it, --max-memory does not apply).");
}

std::string txn_consistency(const std::string& model, const std::vector<std::string>& asked, std::string& level) {
  props::Consistency c{};
  std::vector<std::string> levels;
  for (const auto& word : asked)
    if (props::parse_consistency(word, c)) levels.push_back(word);
  if (!is_txn_model(model)) {
    if (levels.empty()) return "";
    return fmt::format("--consistency {}: a transactional level, for --model list-append or rw-register",
                       levels.front());
  }
  level = "strict-serializable";
  if (asked.empty()) return "";
  if (asked.size() != 1 || levels.size() != 1)
    return fmt::format("--consistency: --model {} takes one of read-uncommitted, read-committed, read-atomic, "
                       "snapshot-isolation, serializable, strict-serializable",
                       model);
  level = levels.front();
  return "";
}

int check_txn_history(const std::string& file, const std::string& text, props::Format format, const std::string& model,
                      const std::string& level, bool text_report, double budget_seconds, std::uint64_t max_steps,
                      nlohmann::ordered_json& json) {
  props::Workload workload{};
  props::Consistency asked{};
  props::parse_workload(model, workload);
  props::parse_consistency(level, asked);
  props::LoadedTxnHistory loaded;
  try {
    loaded = props::parse_txn_history(text, format, workload, file);
  } catch (const props::ParseError& e) {
    const std::string message = fmt::format("{}: {}", e.line == 0 ? file : fmt::format("{}:{}", file, e.line), e.what());
    json = {{"file", file}, {"error", message}};
    std::fflush(stdout);
    std::fprintf(stderr, "replicheck: error: %s\n", message.c_str());
    return kBadInput;
  }
  props::TxnCheckOptions limits;
  limits.max_seconds = budget_seconds;
  limits.max_steps = max_steps;
  const auto start = std::chrono::steady_clock::now();
  const props::TxnCheckResult result = props::check_transactions(loaded.history, workload, limits);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  json = render_json(file, workload, asked, loaded, result, seconds);
  if (text_report) std::fputs(render_text(file, workload, asked, loaded, result, seconds).c_str(), stdout);
  switch (result.holds_model(asked)) {
    case props::Holds::kYes: return kPass;
    case props::Holds::kNo: return kViolation;
    case props::Holds::kUnknown: return kIncomplete;
  }
  return kBadInput;
}

}  // namespace replicheck::cli
