#include "explorer/cli/report.hpp"

#include <fmt/format.h>

#include "explorer/search/run_control.hpp"

namespace replicheck {

std::string verdict_name(Verdict v) {
  switch (v) {
    case Verdict::Pass: return "pass";
    case Verdict::Violation: return "violation";
    case Verdict::Incomplete: return "incomplete";
  }
  return "?";
}

Counterexample counterexample(const RunInfo& run, const PropertyOutcome& p) {
  return {run.model, run.params, PropertyRef{p.name, p.kind, p.meaning}, p.trace.value_or(Trace{})};
}

void print_text_report(std::FILE* out, const RunInfo& run, const Result& r, const std::string& stop_detail) {
  std::string params;
  for (const auto& [k, v] : run.params) params += fmt::format(" {}={}", k, v);
  const Stats& s = r.stats;
  fmt::print(out, "model       {}{}\n", run.model, params);
  fmt::print(out, "search      {}, {} worker{}{}{}\n", run.strategy, run.workers, run.workers == 1 ? "" : "s",
             r.symmetry.empty() ? "" : ", symmetry: " + r.symmetry + " (states counted are orbits)",
             r.partial_order.empty() ? "" : ", partial order: " + r.partial_order);
  for (const auto& p : r.properties) {
    if (p.status != "violated" && p.status != "unreached") continue;
    if (p.status == "unreached") {
      fmt::print(out, "\nvacuous: sometimes property '{}' ({}) is never reached\n", p.name, p.meaning);
      continue;
    }
    fmt::print(out, "\nviolation of {} property '{}': {}\n", to_string(p.kind), p.name, p.meaning);
    fmt::print(out, "{} trace, {} step{}:\n", r.shortest ? "shortest" : "a (not necessarily shortest)",
               p.trace->length(), p.trace->length() == 1 ? "" : "s");
    fmt::print(out, "{}", text_swimlanes(counterexample(run, p)));
  }
  fmt::print(out, "\nproperties\n");
  for (const auto& p : r.properties) {
    std::string note;
    if (p.status == "reached") note = fmt::format(" (witness: {} steps)", p.trace->length());
    fmt::print(out, "  {:<10} {:<13} {}{} — {}\n", p.status, to_string(p.kind), p.name, note, p.meaning);
  }
  fmt::print(out, "\nstates      {} distinct, {} generated, max depth {}\n", grouped(s.distinct_states),
             grouped(s.generated_states), s.max_depth);
  fmt::print(out, "time        {:.3f} s, {} distinct states/s\n", s.seconds,
             grouped(std::uint64_t(s.states_per_second())));
  // Anonymous memory is what the bound counts; RSS adds the file pages of a
  // frontier kept on disk, which the kernel may evict.
  fmt::print(out, "memory      peak RSS {:.1f} MiB (anonymous {:.1f} MiB), {:.1f} bytes per stored state\n",
             double(s.peak_rss_bytes) / (1 << 20), double(s.peak_anonymous_bytes) / (1 << 20),
             s.bytes_per_state());
  // An incomplete run says so even when it found a violation: the
  // properties still `unknown` were not checked on the whole space.
  if (!r.complete()) {
    std::string detail = stop_detail.empty() ? "" : " (" + stop_detail + ")";
    fmt::print(out, "stopped by  {}{}: incomplete\n", r.incomplete_reason, detail);
  }
  std::string why;
  if (r.verdict == Verdict::Violation && !r.complete())
    why = " (incomplete run: the properties marked unknown were not decided)";
  else if (r.verdict == Verdict::Incomplete && r.incomplete_reason == "simulation")
    why = " (a simulation is not exhaustive)";
  else if (r.verdict == Verdict::Incomplete)
    why = " (bound reached: " + r.incomplete_reason + ")";
  fmt::print(out, "verdict     {}{}\n", verdict_name(r.verdict), why);
}

nlohmann::json json_report(const RunInfo& run, const Result& r) {
  const Stats& s = r.stats;
  nlohmann::json params = nlohmann::json::object();
  for (const auto& [k, v] : run.params) params[k] = v;
  nlohmann::json props = nlohmann::json::array(), violations = nlohmann::json::array();
  for (const auto& p : r.properties) {
    nlohmann::json jp = {{"name", p.name}, {"kind", to_string(p.kind)}, {"status", p.status},
                         {"meaning", p.meaning}};
    if (p.trace) jp["trace_length"] = p.trace->length();
    props.push_back(jp);
    if (p.status == "violated")
      violations.push_back({{"property", p.name}, {"trace_length", p.trace->length()},
                            {"trace", to_json(counterexample(run, p))}});
    else if (p.status == "unreached")
      violations.push_back({{"property", p.name}, {"trace_length", 0}, {"vacuous", true}});
  }
  nlohmann::json j = {
      {"model", run.model},
      {"params", params},
      {"strategy", run.strategy},
      {"workers", run.workers},
      {"verdict", verdict_name(r.verdict)},
      {"complete", r.complete()},
      {"distinct_states", s.distinct_states},
      {"generated_states", s.generated_states},
      {"max_depth", s.max_depth},
      {"seconds", s.seconds},
      {"states_per_second", s.states_per_second()},
      {"peak_rss_bytes", s.peak_rss_bytes},
      {"peak_anonymous_bytes", s.peak_anonymous_bytes},
      {"bytes_per_state", s.bytes_per_state()},
      {"shortest_traces", r.shortest},
      {"symmetry", r.symmetry.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.symmetry)},
      {"partial_order", r.partial_order.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.partial_order)},
      {"properties", props},
      {"violations", violations},
  };
  if (!r.complete()) {
    j["stopped_by"] = r.incomplete_reason;
    j["incomplete_reason"] = r.incomplete_reason;  // the older name, kept for scripts
  }
  return j;
}

}  // namespace replicheck
