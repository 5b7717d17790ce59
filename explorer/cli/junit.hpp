// JUnit XML for CI systems (`check --report junit`), which show each test
// case on its own: one test suite for the run, one test case per property.
#pragma once
#include <string>

#include "explorer/cli/expectations.hpp"
#include "explorer/cli/report.hpp"

namespace replicheck {

struct JunitInput {
  const RunInfo* run = nullptr;
  const Result* result = nullptr;
  const Expectations* expect = nullptr;  // empty: no --expect
  std::string trace_path;                // the --trace-out file written, if any ...
  std::string traced_property;           // ... and whose trace it holds
  std::string stop_detail;               // the bound that stopped an incomplete run
};

// A property that did not end as expected (without --expect: violated, or
// a sometimes property unreached) is a <failure>, carrying the trace file's
// path when its trace was saved, else the trace as text and how to save it.
// A property left unknown by an incomplete run is <skipped>.
std::string junit_report(const JunitInput& in);

}  // namespace replicheck
