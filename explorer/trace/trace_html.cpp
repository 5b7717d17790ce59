// The HTML viewer: explorer/trace/trace_viewer.html (CSS + JS, edited as HTML)
// compiled in as a string, with the trace's JSON embedded, so the file
// opens anywhere without network access.
#include <fmt/format.h>

#include "explorer/trace/counterexample.hpp"

namespace replicheck {

extern const char* const kTraceViewerTemplate;  // generated from trace_viewer.html

std::string markup_escaped(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

namespace {

// Inside <script>, "</" could close the element early; JSON allows "<\/".
std::string script_safe(const std::string& json) {
  std::string out;
  for (std::size_t i = 0; i < json.size(); ++i) {
    out += json[i];
    if (json[i] == '<' && i + 1 < json.size() && json[i + 1] == '/') out += '\\';
  }
  return out;
}

}  // namespace

std::string html_viewer(const Counterexample& cx) {
  std::string title = "replicheck trace: " + cx.model;
  for (const auto& [k, v] : cx.params) title += fmt::format(" {}={}", k, v);
  const std::pair<std::string, std::string> fills[] = {
      {"{{TITLE}}", markup_escaped(title)},
      {"{{VERDICT}}", markup_escaped(verdict_sentence(cx))},
      {"{{TRACE_JSON}}", script_safe(to_json(cx).dump())},
  };
  // Placeholders are filled in template order, never inside inserted text.
  std::string in = kTraceViewerTemplate, out;
  std::size_t at = 0;
  for (const auto& [key, value] : fills) {
    std::size_t pos = in.find(key, at);
    if (pos == std::string::npos) throw std::logic_error("trace viewer template lacks " + key);
    out += in.substr(at, pos - at) + value;
    at = pos + key.size();
  }
  return out + in.substr(at);
}

}  // namespace replicheck
