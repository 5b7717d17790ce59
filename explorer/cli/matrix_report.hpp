// `replicheck matrix`'s results and how they print: Markdown (also the
// terminal's form: a table a person reads, and the README embeds), JSON and
// one self-contained HTML page.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/matrix.hpp"

namespace replicheck::cli {

// One cell as checked.
struct CellOutcome {
  std::string status;        // holds, violated, reached, unreached, unknown; "n/a" when not applicable
  std::uint64_t states = 0;  // of its configuration's run
  std::size_t trace_steps = 0;
  std::string trace_file;    // written with --traces DIR, else empty
  std::string command;       // how to see it: replicheck check ... --trace-property P
  std::vector<models::SeedClaim> contradicted;  // the claims the verdict contradicts
};

struct MatrixResult {
  std::vector<models::MatrixTable> tables;
  std::vector<std::vector<std::vector<CellOutcome>>> cells;  // [table][row][column]
  std::size_t runs = 0;
  bool complete = true;
};

std::string matrix_markdown(const MatrixResult& r);
nlohmann::ordered_json matrix_json(const MatrixResult& r);
std::string matrix_html(const MatrixResult& r);

}  // namespace replicheck::cli
