// The seeds' comparison tables as data, for `replicheck matrix`: each cell
// names a model, its parameters and the property whose verdict fills it
// (or says why it does not apply), and may carry what a seed claims there,
// so the checker's verdict and the seed's can be set side by side. The
// explorer runs each distinct configuration once (explorer/cli/cli_matrix.cpp).
#pragma once
#include <string>
#include <vector>

namespace replicheck::models {

// What a seed asserts about a cell: the verdict it implies and its words.
struct SeedClaim {
  std::string seed;    // "seed 001"
  std::string status;  // the status the claim implies: holds, violated, reached, unreached
  std::string words;   // what the seed says, briefly
};

struct MatrixCell {
  std::string model;               // empty: not applicable
  std::vector<std::string> params;
  std::string property;
  std::string not_applicable;      // why, when model is empty
  std::vector<SeedClaim> claims;
};

struct MatrixRow {
  std::string label;
  std::vector<MatrixCell> cells;  // one per column
};

struct MatrixTable {
  std::string id;       // for --only table=...
  std::string title;
  std::string sources;  // the seeds it comes from
  std::vector<std::string> columns;
  std::vector<MatrixRow> rows;
};

std::vector<MatrixTable> matrix_tables();

}  // namespace replicheck::models
