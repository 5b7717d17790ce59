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

// Lines of at most `room` characters, broken at blanks where there are any.
std::vector<std::string> wrap(const std::string& text, std::size_t room) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t end = text.find(' ', i);
    std::string word = text.substr(i, end == std::string::npos ? std::string::npos : end - i);
    i = end == std::string::npos ? text.size() : end + 1;
    for (; word.size() > room; word.erase(0, room)) {  // a word longer than a line is cut
      if (!line.empty()) lines.push_back(std::move(line)), line.clear();
      lines.push_back(word.substr(0, room));
    }
    if (!line.empty() && line.size() + 1 + word.size() > room) lines.push_back(std::move(line)), line.clear();
    if (!word.empty()) line += (line.empty() ? "" : " ") + word;
  }
  if (!line.empty()) lines.push_back(std::move(line));
  return lines;
}

class Row {
 public:
  Row(std::size_t lanes, std::size_t width) : width_(width), cells_(lanes * width, ' ') {
    for (std::size_t l = 0; l < lanes; ++l) cells_[l * width] = '|';
  }
  std::size_t at(std::size_t lane) const { return lane * width_; }
  void put(std::size_t pos, char c) { cells_.at(pos) = c; }
  // Fills the columns strictly between two lanes with `body`, then writes
  // `label` centred on it, wrapped to the room there is: returns the lines
  // that did not fit on this row, for the rows below (a label never
  // vanishes). `padded`: a blank either side of the label, as faults have.
  std::vector<std::string> span(std::size_t a, std::size_t b, char body, const std::string& label,
                                bool padded = false) {
    std::size_t lo = std::min(at(a), at(b)), hi = std::max(at(a), at(b));
    for (std::size_t p = lo + 1; p < hi; ++p) cells_[p] = body;
    const std::size_t pad = padded ? 2 : 0;
    if (label.empty() || hi - lo < 4 + pad) return {};
    std::vector<std::string> lines = wrap(label, hi - lo - 3 - pad);
    centre(lo, hi, padded ? " " + lines.front() + " " : lines.front());
    lines.erase(lines.begin());
    return lines;
  }
  // Writes `text` centred between the columns lo and hi (exclusive).
  void centre(std::size_t lo, std::size_t hi, const std::string& text) {
    std::copy(text.begin(), text.end(), cells_.begin() + long(lo + (hi - lo - text.size()) / 2 + 1));
  }
  std::string str() const { return cells_; }

 private:
  std::size_t width_;
  std::string cells_;
};

// An arrow's row, then the rest of its label, if any, on rows below it.
struct Drawing {
  std::vector<std::string> rows;
  void add_label_rows(std::size_t lanes, std::size_t width, std::size_t a, std::size_t b,
                      const std::vector<std::string>& rest) {
    for (const std::string& text : rest) {
      Row row(lanes, width);
      row.centre(std::min(a, b) * width, std::max(a, b) * width, text);
      rows.push_back(row.str());
    }
  }
};

std::size_t lane_index(const std::vector<std::string>& lanes, const std::string& name) {
  auto it = std::find(lanes.begin(), lanes.end(), name);
  return it == lanes.end() ? 0 : std::size_t(it - lanes.begin());
}

// Draws an arrow from lane `from` to lane `to`, head at `to`; returns the
// label's lines that did not fit on the arrow.
std::vector<std::string> arrow(Row& row, std::size_t from, std::size_t to, char body, const std::string& label) {
  auto rest = row.span(from, to, body, label);
  row.put(row.at(to) + (to < from ? 1 : 0) - (to > from ? 1 : 0), to < from ? '<' : '>');
  return rest;
}

Drawing draw(const std::vector<std::string>& lanes, std::size_t width, const StepInfo& info) {
  Row row(lanes.size(), width);
  Drawing out;
  std::size_t me = lane_index(lanes, info.lane), last = lanes.size() - 1;
  bool everyone = info.peer.empty();
  std::size_t peer = lane_index(lanes, info.peer);
  std::vector<std::string> rest;  // the label's overflow, between lanes a and b
  std::size_t a = me, b = peer;
  switch (info.kind) {
    case StepKind::Send:
      if (everyone) {
        // A broadcast: one head at every other lane, the label towards the far end.
        if (me > 0) rest = arrow(row, me, 0, '~', me == last ? info.label : ""), b = 0;
        if (me < last) rest = arrow(row, me, last, '~', info.label), b = last;
        for (std::size_t l = 0; l < lanes.size(); ++l)
          if (l != me && l != 0 && l != last) row.put(row.at(l) + (l < me ? 1 : 0) - (l > me ? 1 : 0), l < me ? '<' : '>');
      } else if (peer != me) {
        rest = arrow(row, me, peer, '~', info.label);
      }
      break;
    case StepKind::Deliver:
      if (!everyone && peer != me) {
        rest = arrow(row, peer, me, '-', info.label);
        row.put(row.at(peer), 'o');
      }
      break;
    case StepKind::Fault:
      if (everyone) a = 0, b = last;
      rest = row.span(a, b, '#', info.label, true);
      if (everyone) {
        for (std::size_t p = row.at(last) + 1; p < row.at(last) + width - 1; ++p) row.put(p, '#');
        row.put(0, '#');
      }
      break;
    case StepKind::Local:
    case StepKind::Client: break;
  }
  row.put(row.at(me), '*');
  out.rows.push_back(row.str());
  out.add_label_rows(lanes.size(), width, a, b, rest);
  return out;
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
    Drawing drawing{{Row(lanes.size(), width).str()}};
    if (i > 0) drawing = draw(lanes, width, step.info);
    out += fmt::format("  {:>4}  {}  {}\n", i, drawing.rows.front(), i == 0 ? "initial state" : step.action);
    for (std::size_t r = 1; r < drawing.rows.size(); ++r) out += fmt::format("        {}\n", drawing.rows[r]);
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
