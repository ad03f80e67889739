#pragma once
// A test fixture for the raw v0.4 reader: small files written to a fresh folder per test, a
// one-level design to add nodes to, and the processed tree or the InputError message.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "compat/v04/process_v04.hpp"
#include "compat/v04/processed_form.hpp"
#include "src/common/error.hpp"

namespace cimloop::compat::v04 {

class V04Reader : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("cimloop-v04-unit-" + std::to_string(::getpid()) + "-" +
                                        testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& text) {
    const std::filesystem::path path = dir_ / name;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path) << text;
    return path.string();
  }

  // A one-level design plus `extra` nodes, with a 2-D problem (K: 4, N: 1).
  std::vector<std::string> design(const std::string& nodes, const std::string& extra_files = "") {
    std::vector<std::string> files = {
        write("arch.yaml", "architecture:\n  version: 0.4\n  nodes:\n" + nodes),
        write("prob.yaml",
              "problem:\n  shape:\n    dimensions: [K, N]\n    data_spaces:\n"
              "    - {name: A, projection: [[[K]]]}\n    - {name: B, projection: [[[N]]]}\n"
              "    - {name: Z, projection: [[[K]], [[N]]], read_write: True}\n  instance: {K: 4, N: 1}\n")};
    if (!extra_files.empty()) files.push_back(write("extra.yaml", extra_files));
    return files;
  }

  YAML::Node process(const std::vector<std::string>& files, const std::map<std::string, std::string>& vars = {}) {
    return YAML::Load(processed_to_text(process_v04(files, vars, Purpose::Model)));
  }

  // The InputError message of processing `files`.
  std::string error_of(const std::vector<std::string>& files, const std::map<std::string, std::string>& vars = {}) {
    try {
      process_v04(files, vars, Purpose::Model);
    } catch (const ::cimloop::InputError& error) {
      return error.what();
    }
    return "(no error)";
  }

  std::filesystem::path dir_;
};

}  // namespace cimloop::compat::v04
