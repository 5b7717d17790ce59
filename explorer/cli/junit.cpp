#include "explorer/cli/junit.hpp"

#include <fmt/format.h>

namespace replicheck {
namespace {

std::string failure(const JunitInput& in, const PropertyOutcome& p, const std::string& expected) {
  const std::string message = fmt::format("{} property '{}' {}, expected {}: {}", to_string(p.kind), p.name,
                                          p.status, expected, p.meaning);
  std::string body;
  if (!p.trace) {
    body = "no trace: a sometimes property that is never reached has no witness";
  } else if (in.traced_property == p.name) {
    body = fmt::format("trace: {}", in.trace_path);
  } else {
    body = fmt::format("trace not saved; --trace-property {} --trace-out FILE.json saves it\n\n{}", p.name,
                       text_swimlanes(counterexample(*in.run, p)));
  }
  return fmt::format("      <failure type=\"{}\" message=\"{}\">{}</failure>\n", markup_escaped(p.status),
                     markup_escaped(message), markup_escaped(body));
}

}  // namespace

std::string junit_report(const JunitInput& in) {
  const Result& r = *in.result;
  std::string suite = in.run->model;
  for (const auto& [k, v] : in.run->params) suite += fmt::format(" {}={}", k, v);
  std::size_t failures = 0, skipped = 0;
  std::string cases;
  for (const auto& p : r.properties) {
    const std::string expected = in.expect->expected(p);
    cases += fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"0\">\n", markup_escaped(in.run->model),
                         markup_escaped(p.name));
    if (p.status == "unknown") {
      ++skipped;
      cases += fmt::format("      <skipped message=\"{}\"/>\n",
                           markup_escaped(fmt::format("undecided: the run stopped at {}{}", r.incomplete_reason,
                                                   in.stop_detail.empty() ? "" : " (" + in.stop_detail + ")")));
    } else if (p.status != expected) {
      ++failures;
      cases += failure(in, p, expected);
    }
    cases += "    </testcase>\n";
  }
  return fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<testsuites name=\"replicheck\" tests=\"{0}\" failures=\"{1}\" skipped=\"{2}\" time=\"{3:.3f}\">\n"
      "  <testsuite name=\"{4}\" tests=\"{0}\" failures=\"{1}\" errors=\"0\" skipped=\"{2}\" time=\"{3:.3f}\">\n"
      "{5}  </testsuite>\n</testsuites>\n",
      r.properties.size(), failures, skipped, r.stats.seconds, markup_escaped(suite), cases);
}

}  // namespace replicheck
