// Human and machine renderings of a linearizability or session-guarantee
// result, shared by the check-history command and anything else that wants
// to show a verdict.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "properties/history_io.hpp"
#include "properties/linearizability.hpp"
#include "properties/session.hpp"

namespace replicheck::properties {

struct ReportInput {
  std::string file;                              // as the user named it
  Model model = Model::kRegister;
  const LoadedHistory* loaded = nullptr;         // the history and its source lines
  const LinearizabilityResult* result = nullptr;
  double seconds = 0;                            // time spent checking (not parsing)
};

// Verdict line, then for a violation: the tail of the longest linearizable
// prefix, the operation that cannot be placed and why, and why none of the
// other operations in flight could go first.
std::string render_text(const ReportInput& in);

// One JSON object: file, model, format, verdict ("linearizable",
// "not-linearizable", "unknown"), operations, seconds, ... and for a
// violation "explanation" with the full prefix.
nlohmann::ordered_json render_json(const ReportInput& in);

// A session-guarantee check of one file: the guarantees checked jointly.
struct SessionReportInput {
  std::string file;
  const History* history = nullptr;
  std::vector<Guarantee> guarantees;
  const SessionResult* result = nullptr;
};

// One summary line ("FILE: session guarantees hold (...)" or "FILE: SESSION
// GUARANTEES VIOLATED (...)"), then each key's contradicting demands.
std::string render_session_text(const SessionReportInput& in);
// {"guarantees": [...], "verdict": "hold" | "violated", "violations": [{"key",
// "guarantees", "explanation"}], "ambiguous_reads", "unwritten_reads"}
nlohmann::ordered_json render_session_json(const SessionReportInput& in);

}  // namespace replicheck::properties
