#include "properties/report.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace replicheck::properties {

namespace {

constexpr std::size_t kPrefixTail = 12;  // prefix entries shown in text
constexpr std::size_t kPendingShown = 10;

std::string verdict_word(Verdict v) {
  switch (v) {
    case Verdict::kLinearizable: return "linearizable";
    case Verdict::kNotLinearizable: return "not-linearizable";
    case Verdict::kUnknown: return "unknown";
  }
  return "?";
}

std::string clock_span(const Operation& o) {
  return o.response == kNever ? fmt::format("t {}-", o.invoke) : fmt::format("t {}-{}", o.invoke, o.response);
}

// Where an operation is in the file: its lines in the text formats (one
// event a line); in JSON, where an operation is one element, its index in
// "operations" and its invoke/response positions.
std::string where(const ReportInput& in, std::size_t op) {
  const Operation& o = in.loaded->history.ops[op];
  if (op >= in.loaded->lines.size() || in.loaded->lines[op].invoke == 0) return clock_span(o);
  const SourceLines& l = in.loaded->lines[op];
  if (in.loaded->format == Format::kJson) return fmt::format("operations[{}], {}", op, clock_span(o));
  if (o.status == Status::kInfo)  // no real end: it may take effect any time after invocation
    return l.response == 0 ? fmt::format("line {}, never completed", l.invoke)
                           : fmt::format("line {}, timed out at {}", l.invoke, l.response);
  return fmt::format("lines {}-{}", l.invoke, l.response);
}

// Fixed-width columns when a state follows (`padded`), else no trailing
// blanks. The key is in the heading, so rows leave it out.
std::string row(const ReportInput& in, std::size_t op, bool padded = false) {
  const Operation& o = in.loaded->history.ops[op];
  if (!padded) return fmt::format("process {:<3} {:<30} {}", o.session, describe(o, false), where(in, op));
  return fmt::format("process {:<3} {:<30} {:<26}", o.session, describe(o, false), where(in, op));
}

std::string object_name(Model model, const std::string& key) {
  const char* noun = model == Model::kKv ? "key" : model == Model::kCounter ? "counter" : "register";
  if (key.empty()) return fmt::format("the {}", noun);
  return fmt::format("{} \"{}\"", noun, key);
}

}  // namespace

std::string render_text(const ReportInput& in) {
  const LinearizabilityResult& r = *in.result;
  const History& h = in.loaded->history;
  std::string out = fmt::format("{}: {} ({} model, {} operations, {} checked in {} key(s), {:.6f} s)\n", in.file,
                                r.verdict == Verdict::kNotLinearizable ? "NOT LINEARIZABLE"
                                : r.verdict == Verdict::kUnknown       ? "UNKNOWN"
                                                                       : "linearizable",
                                to_string(in.model), h.ops.size(), r.operations, r.keys, in.seconds);
  if (r.verdict == Verdict::kUnknown) out += fmt::format("The check gave up: {}.\n", r.unknown_reason);
  if (!r.violation) return out;
  const Violation& v = *r.violation;
  const std::string object = object_name(in.model, v.key);
  if (v.prefix.empty()) {
    out += fmt::format("No operation can take effect first; {} starts as {}.\n", object, to_string(v.state));
  } else {
    const std::size_t from = v.prefix.size() > kPrefixTail ? v.prefix.size() - kPrefixTail : 0;
    out += fmt::format("Longest linearizable prefix: {} operations{}; {} after each:\n", v.prefix.size(),
                       from > 0 ? fmt::format(" (last {} shown, --report json lists all)", kPrefixTail) : "", object);
    for (std::size_t i = from; i < v.prefix.size(); ++i) {
      const bool same = i > 0 && v.prefix[i].state_after == v.prefix[i - 1].state_after;
      out += fmt::format("  {:>4}. {} => {}\n", i + 1, row(in, v.prefix[i].op, true),
                         same ? "(unchanged)" : to_string(v.prefix[i].state_after));
    }
  }
  out += fmt::format("Then this operation must take effect (it completes next), but cannot:\n        {}\n", row(in, v.blocked_op));
  out += fmt::format("        {}.\n", v.reason);
  if (v.pending.empty()) {
    out += "No other operation was in flight that could have gone first.\n";
  } else {
    out += fmt::format("None of the {} other operation(s) in flight can take effect first either:\n", v.pending.size());
    for (std::size_t i = 0; i < v.pending.size() && i < kPendingShown; ++i)
      out += fmt::format("        {}\n          {}.\n", row(in, v.pending[i]),
                         why_illegal(in.model, h.ops[v.pending[i]], v.state));
    if (v.pending.size() > kPendingShown) out += fmt::format("        ... and {} more\n", v.pending.size() - kPendingShown);
  }
  out += "No other order of the earlier operations gets further (the search tried them all).\n";
  return out;
}

nlohmann::ordered_json render_json(const ReportInput& in) {
  using nlohmann::ordered_json;
  const LinearizabilityResult& r = *in.result;
  const History& h = in.loaded->history;
  ordered_json out;
  out["file"] = in.file;
  out["model"] = std::string(to_string(in.model));
  out["format"] = std::string(to_string(in.loaded->format));
  out["verdict"] = verdict_word(r.verdict);
  out["operations"] = h.ops.size();
  out["checked_operations"] = r.operations;
  out["keys"] = r.keys;
  out["steps"] = r.steps;
  out["seconds"] = in.seconds;
  if (r.verdict == Verdict::kUnknown) out["unknown_reason"] = r.unknown_reason;
  if (!r.violation) return out;
  const Violation& v = *r.violation;
  auto op_json = [&](std::size_t op) {
    const Operation& o = h.ops[op];
    ordered_json j;
    j["op"] = op;
    j["process"] = o.session;
    j["operation"] = describe(o);
    j["where"] = where(in, op);
    return j;
  };
  ordered_json e;
  e["key"] = v.key;
  e["prefix"] = ordered_json::array();
  for (const PlacedOp& p : v.prefix) {
    ordered_json j = op_json(p.op);
    j["state_after"] = to_string(p.state_after);
    e["prefix"].push_back(std::move(j));
  }
  e["state"] = to_string(v.state);
  e["blocked"] = op_json(v.blocked_op);
  e["blocked"]["reason"] = v.reason;
  e["pending"] = ordered_json::array();
  for (std::size_t op : v.pending) {
    ordered_json j = op_json(op);
    j["reason"] = why_illegal(in.model, h.ops[op], v.state);
    e["pending"].push_back(std::move(j));
  }
  out["explanation"] = std::move(e);
  return out;
}

namespace {

std::vector<std::string> names(const std::vector<Guarantee>& guarantees) {
  std::vector<std::string> out;
  for (Guarantee g : guarantees) out.emplace_back(to_string(g));
  return out;
}

}  // namespace

std::string render_session_text(const SessionReportInput& in) {
  const SessionResult& r = *in.result;
  const std::string checked = fmt::format("{}", fmt::join(names(in.guarantees), ", "));
  std::string out = r.ok() ? fmt::format("{}: session guarantees hold ({}; {} operations)\n", in.file, checked,
                                         in.history->ops.size())
                           : fmt::format("{}: SESSION GUARANTEES VIOLATED ({}; {} key(s) contradict them)\n", in.file,
                                         checked, r.violations.size());
  for (const SessionViolation& v : r.violations) out += explain(v, *in.history);
  // Not failures, but the check is weaker for them: say so.
  if (!r.ambiguous_reads.empty())
    out += fmt::format("note: {} read(s) of a value written more than once demand nothing (give writes unique "
                       "values)\n", r.ambiguous_reads.size());
  if (!r.unwritten_reads.empty())
    out += fmt::format("note: {} read(s) of a value no write wrote (only linearizability covers them)\n",
                       r.unwritten_reads.size());
  return out;
}

nlohmann::ordered_json render_session_json(const SessionReportInput& in) {
  const SessionResult& r = *in.result;
  nlohmann::ordered_json out;
  out["guarantees"] = names(in.guarantees);
  out["verdict"] = r.ok() ? "hold" : "violated";
  out["violations"] = nlohmann::ordered_json::array();
  for (const SessionViolation& v : r.violations)
    out["violations"].push_back(
        {{"key", v.key}, {"guarantees", names(v.guarantees)}, {"explanation", explain(v, *in.history)}});
  out["ambiguous_reads"] = r.ambiguous_reads;
  out["unwritten_reads"] = r.unwritten_reads;
  return out;
}

}  // namespace replicheck::properties
