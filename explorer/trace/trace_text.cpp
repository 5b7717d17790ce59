// Text swimlanes for the terminal: one column per lane, time going down,
// arrows between columns for messages, '#' across columns for faults, and
// after each step only the fields it changed. ASCII only, so it survives
// any terminal, log file or e-mail.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "explorer/trace/counterexample.hpp"

namespace replicheck {
namespace {

constexpr const char* kLegend = "* acting lane   ~~> message sent   --> message delivered   ### fault";

class Row {
 public:
  Row(std::size_t lanes, std::size_t width) : width_(width), cells_(lanes * width, ' ') {
    for (std::size_t l = 0; l < lanes; ++l) cells_[l * width] = '|';
  }
  std::size_t at(std::size_t lane) const { return lane * width_; }
  void put(std::size_t pos, char c) { cells_.at(pos) = c; }
  // Fills the columns strictly between two lanes with `body`, then writes
  // `label` centred on it when it fits.
  void span(std::size_t a, std::size_t b, char body, const std::string& label) {
    std::size_t lo = std::min(at(a), at(b)), hi = std::max(at(a), at(b));
    for (std::size_t p = lo + 1; p < hi; ++p) cells_[p] = body;
    if (hi - lo >= label.size() + 3 && !label.empty())
      std::copy(label.begin(), label.end(), cells_.begin() + long(lo + (hi - lo - label.size()) / 2 + 1));
  }
  std::string str() const { return cells_; }

 private:
  std::size_t width_;
  std::string cells_;
};

std::size_t lane_index(const std::vector<std::string>& lanes, const std::string& name) {
  auto it = std::find(lanes.begin(), lanes.end(), name);
  return it == lanes.end() ? 0 : std::size_t(it - lanes.begin());
}

// Draws an arrow from lane `from` to lane `to`, head at `to`.
void arrow(Row& row, std::size_t from, std::size_t to, char body, const std::string& label) {
  row.span(from, to, body, label);
  row.put(row.at(to) + (to < from ? 1 : 0) - (to > from ? 1 : 0), to < from ? '<' : '>');
}

std::string draw(const std::vector<std::string>& lanes, std::size_t width, const StepInfo& info) {
  Row row(lanes.size(), width);
  std::size_t me = lane_index(lanes, info.lane), last = lanes.size() - 1;
  bool everyone = info.peer.empty();
  std::size_t peer = lane_index(lanes, info.peer);
  switch (info.kind) {
    case StepKind::Send:
      if (everyone) {
        // A broadcast: one head at every other lane, the label towards the far end.
        if (me > 0) arrow(row, me, 0, '~', me == last ? info.label : "");
        if (me < last) arrow(row, me, last, '~', info.label);
        for (std::size_t l = 0; l < lanes.size(); ++l)
          if (l != me && l != 0 && l != last) row.put(row.at(l) + (l < me ? 1 : 0) - (l > me ? 1 : 0), l < me ? '<' : '>');
      } else if (peer != me) {
        arrow(row, me, peer, '~', info.label);
      }
      break;
    case StepKind::Deliver:
      if (!everyone && peer != me) {
        arrow(row, peer, me, '-', info.label);
        row.put(row.at(peer), 'o');
      }
      break;
    case StepKind::Fault:
      row.span(everyone ? 0 : me, everyone ? last : peer, '#', " " + info.label + " ");
      if (everyone) {
        for (std::size_t p = row.at(last) + 1; p < row.at(last) + width - 1; ++p) row.put(p, '#');
        row.put(0, '#');
      }
      break;
    case StepKind::Local:
    case StepKind::Client: break;
  }
  row.put(row.at(me), '*');
  return row.str();
}

}  // namespace

std::string text_swimlanes(const Counterexample& cx) {
  const auto& lanes = cx.trace.lanes;
  // Wide enough for every lane name, and for a label between neighbours.
  std::size_t width = 12;
  for (const auto& l : lanes) width = std::max(width, l.size() + 3);
  for (const auto& s : cx.trace.steps) width = std::max(width, std::min<std::size_t>(s.info.label.size() + 5, 20));
  std::string out = fmt::format("  {}\n\n  step  ", kLegend);
  for (const auto& l : lanes) out += fmt::format("{:<{}}", l, width);
  while (out.back() == ' ') out.pop_back();
  out += "\n";
  std::map<std::string, std::string> before;
  const auto& steps = cx.trace.steps;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const auto& step = steps[i];
    std::string lifelines = Row(lanes.size(), width).str();
    std::string row = i == 0 ? lifelines : draw(lanes, width, step.info);
    out += fmt::format("  {:>4}  {}  {}\n", i, row, i == 0 ? "initial state" : step.action);
    for (const auto& [field, value] : step.state) {
      auto it = before.find(field);
      if (i == 0) out += fmt::format("          {} = {}\n", field, value);
      else if (it == before.end()) out += fmt::format("          {}: (new) {}\n", field, value);
      else if (it->second != value) out += fmt::format("          {}: {} -> {}\n", field, it->second, value);
      before[field] = value;
    }
  }
  out += fmt::format("  {}\n", verdict_sentence(cx));
  // No trailing blanks (an empty field value would leave one): diff-friendly.
  std::string trimmed;
  for (char c : out) {
    if (c == '\n')
      while (!trimmed.empty() && trimmed.back() == ' ') trimmed.pop_back();
    trimmed += c;
  }
  return trimmed;
}

}  // namespace replicheck
