#include "explorer/cli/matrix_report.hpp"

#include <fmt/format.h>

#include "explorer/search/run_control.hpp"
#include "explorer/trace/counterexample.hpp"

namespace replicheck::cli {

namespace {

std::string cell_text(const CellOutcome& c) {
  std::string s = c.status;
  if (c.trace_steps && c.status == "violated")
    s += fmt::format(" ({} step{})", c.trace_steps, c.trace_steps == 1 ? "" : "s");
  if (c.status == "holds" || c.status == "unreached") s += " (" + grouped(c.states) + " states)";
  if (!c.contradicted.empty()) s += " ⚠";
  return s;
}

// The n/a reasons and contradictions of one table, numbered as notes.
struct Notes {
  std::vector<std::string> lines;
  std::string mark(const std::string& text) {
    for (std::size_t i = 0; i < lines.size(); ++i)
      if (lines[i] == text) return fmt::format("{}", i + 1);
    lines.push_back(text);
    return fmt::format("{}", lines.size());
  }
};

std::string contradiction_text(const models::MatrixTable& t, const models::MatrixRow& row, std::size_t col,
                               const CellOutcome& c) {
  std::string out;
  for (const auto& claim : c.contradicted)
    out += fmt::format("{} says \"{}\" ({} expected); the checker finds {}, {}: {}, column \"{}\": `{}`{}\n",
                       claim.seed, claim.words, claim.status, c.status, t.title, row.label, t.columns[col],
                       c.command, c.trace_file.empty() ? "" : fmt::format(" ([trace]({}))", c.trace_file));
  return out;
}

}  // namespace

std::string matrix_markdown(const MatrixResult& r) {
  std::string out;
  for (std::size_t ti = 0; ti < r.tables.size(); ++ti) {
    const auto& t = r.tables[ti];
    Notes notes;
    std::string contradictions;
    out += fmt::format("### {}\n\nFrom {}. ⚠ marks a verdict that contradicts a seed.\n\n| |", t.title, t.sources);
    for (const auto& c : t.columns) out += " " + c + " |";
    out += "\n|---|";
    for (std::size_t c = 0; c < t.columns.size(); ++c) out += "---|";
    out += "\n";
    for (std::size_t ri = 0; ri < t.rows.size(); ++ri) {
      const auto& row = t.rows[ri];
      out += "| " + row.label + " |";
      for (std::size_t ci = 0; ci < row.cells.size(); ++ci) {
        const auto& spec = row.cells[ci];
        const auto& c = r.cells[ti][ri][ci];
        if (spec.model.empty()) {
          out += fmt::format(" n/a [{}] |", notes.mark(spec.not_applicable));
          continue;
        }
        const std::string text = cell_text(c);
        out += c.trace_file.empty() ? " " + text + " |" : fmt::format(" [{}]({}) |", text, c.trace_file);
        contradictions += contradiction_text(t, row, ci, c);
      }
      out += "\n";
    }
    out += "\n";
    for (std::size_t i = 0; i < notes.lines.size(); ++i) out += fmt::format("[{}] {}  \n", i + 1, notes.lines[i]);
    if (!contradictions.empty()) {
      out += "\nContradictions:\n\n";
      std::size_t start = 0;
      for (std::size_t end; (end = contradictions.find('\n', start)) != std::string::npos; start = end + 1)
        out += "- " + contradictions.substr(start, end - start) + "\n";
    }
    out += "\n";
  }
  return out;
}

nlohmann::ordered_json matrix_json(const MatrixResult& r) {
  nlohmann::ordered_json tables = nlohmann::ordered_json::array();
  for (std::size_t ti = 0; ti < r.tables.size(); ++ti) {
    const auto& t = r.tables[ti];
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (std::size_t ri = 0; ri < t.rows.size(); ++ri) {
      nlohmann::ordered_json cells = nlohmann::ordered_json::array();
      for (std::size_t ci = 0; ci < t.rows[ri].cells.size(); ++ci) {
        const auto& spec = t.rows[ri].cells[ci];
        const auto& c = r.cells[ti][ri][ci];
        nlohmann::ordered_json cell = {{"column", t.columns[ci]}, {"status", c.status}};
        if (spec.model.empty()) {
          cell["reason"] = spec.not_applicable;
        } else {
          cell["model"] = spec.model, cell["params"] = spec.params, cell["property"] = spec.property;
          cell["states"] = c.states, cell["command"] = c.command;
          if (c.trace_steps) cell["trace_steps"] = c.trace_steps;
          if (!c.trace_file.empty()) cell["trace_file"] = c.trace_file;
        }
        nlohmann::ordered_json claims = nlohmann::ordered_json::array();
        for (const auto& claim : spec.claims)
          claims.push_back({{"seed", claim.seed}, {"says", claim.words}, {"implies", claim.status},
                            {"contradicted", claim.status != c.status}});
        if (!claims.empty()) cell["seed_claims"] = claims;
        cells.push_back(std::move(cell));
      }
      rows.push_back({{"label", t.rows[ri].label}, {"cells", std::move(cells)}});
    }
    tables.push_back({{"id", t.id}, {"title", t.title}, {"sources", t.sources}, {"rows", std::move(rows)}});
  }
  return {{"tables", std::move(tables)}, {"runs", r.runs}, {"complete", r.complete}};
}

std::string matrix_html(const MatrixResult& r) {
  std::string out =
      "<!doctype html><html><head><meta charset=\"utf-8\"><title>replicheck matrix</title><style>"
      "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:1em}"
      "td,th{border:1px solid #999;padding:4px 8px}.holds,.reached{background:#dfd}.violated,.unreached{"
      "background:#fdd}.na{color:#777}.warn{outline:3px solid #e90}</style></head><body><h1>replicheck matrix</h1>";
  for (std::size_t ti = 0; ti < r.tables.size(); ++ti) {
    const auto& t = r.tables[ti];
    out += fmt::format("<h2>{}</h2><p>From {}. An orange frame marks a verdict that contradicts a seed.</p><table><tr><th></th>",
                       markup_escaped(t.title), markup_escaped(t.sources));
    for (const auto& c : t.columns) out += "<th>" + markup_escaped(c) + "</th>";
    out += "</tr>";
    for (std::size_t ri = 0; ri < t.rows.size(); ++ri) {
      out += "<tr><th>" + markup_escaped(t.rows[ri].label) + "</th>";
      for (std::size_t ci = 0; ci < t.rows[ri].cells.size(); ++ci) {
        const auto& spec = t.rows[ri].cells[ci];
        const auto& c = r.cells[ti][ri][ci];
        if (spec.model.empty()) {
          out += "<td class=\"na\" title=\"" + markup_escaped(spec.not_applicable) + "\">n/a</td>";
          continue;
        }
        std::string title = c.command;
        for (const auto& claim : c.contradicted) title += "\n" + claim.seed + ": " + claim.words;
        std::string text = markup_escaped(cell_text(c));
        if (!c.trace_file.empty()) text = "<a href=\"" + markup_escaped(c.trace_file) + "\">" + text + "</a>";
        out += fmt::format("<td class=\"{}{}\" title=\"{}\">{}</td>", c.status, c.contradicted.empty() ? "" : " warn",
                           markup_escaped(title), text);
      }
      out += "</tr>";
    }
    out += "</table>";
  }
  return out + "</body></html>\n";
}

}  // namespace replicheck::cli
