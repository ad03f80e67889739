// The project's layering: src/ is the model and knows no file format, estimators/ holds the
// energy/area models, compat/ reads and writes the foreign formats, and the programs in
// src/apps wire them together. Dependencies point one way (model <- estimators <- compat <-
// programs): CMake links the layers in that order, and these tests keep the #includes, which
// the linker does not see, in line with it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

namespace cimloop {
namespace {

namespace fs = std::filesystem;

struct Layer {
  std::string folder;                   // relative to the checkout
  std::string excluded;                 // a sub-folder that is not part of the layer ("" = none)
  std::vector<std::string> forbidden;   // include paths starting with one of these
};

// The model: no reader, no estimator, no program, no YAML or libconfig library.
const Layer kModel{"src", "src/apps", {"compat/", "estimators/", "src/apps/", "yaml-cpp/", "yaml.h", "libconfig"}};
// The estimators may use the model (its errors) and read their own data files, never a reader
// of the foreign formats, which uses them.
const Layer kEstimators{"estimators", "", {"compat/", "src/apps/"}};
const Layer kCompat{"compat", "", {"src/apps/"}};

// The path a line #includes; "" when the line is no #include.
std::string included_path(const std::string& line) {
  static const std::regex include(R"(^\s*#\s*include\s*[<"]([^>"]+)[>"])");
  std::smatch match;
  return std::regex_search(line, match, include) ? match[1].str() : "";
}

bool is_forbidden(const std::string& path, const std::vector<std::string>& forbidden) {
  for (const std::string& prefix : forbidden)
    if (path.compare(0, prefix.size(), prefix) == 0) return true;
  return false;
}

// Code (not comments) that names a format library or the readers without including them,
// e.g. a forward declaration of YAML::Node.
bool names_format_library(const std::string& line) {
  static const std::regex name(R"(\b(YAML|libconfig|compat)::|\bnamespace\s+(YAML|libconfig)\b|\bcimloop::compat\b)");
  return std::regex_search(line.substr(0, line.find("//")), name);
}

bool is_source(const fs::path& path) {
  const std::string extension = path.extension().string();
  return extension == ".cpp" || extension == ".hpp" || extension == ".h" || extension == ".cc" || extension == ".inl";
}

struct Scan {
  int files = 0;
  std::vector<std::string> violations;  // "file:line: text"
};

// Every source file of the layer, line by line; `offending` decides which lines break the rule.
template <typename Offending>
Scan scan(const Layer& layer, Offending offending) {
  const fs::path root(CIMLOOP_SOURCE_DIR);
  Scan result;
  for (const auto& entry : fs::recursive_directory_iterator(root / layer.folder)) {
    const std::string relative = fs::relative(entry.path(), root).generic_string();
    if (!layer.excluded.empty() && relative.compare(0, layer.excluded.size() + 1, layer.excluded + "/") == 0) continue;
    if (!entry.is_regular_file() || !is_source(entry.path())) continue;
    ++result.files;
    std::ifstream file(entry.path());
    std::string line;
    for (int number = 1; std::getline(file, line); ++number)
      if (offending(line)) result.violations.push_back(relative + ":" + std::to_string(number) + ": " + line);
  }
  return result;
}

Scan forbidden_includes(const Layer& layer) {
  return scan(layer, [&](const std::string& line) {
    const std::string path = included_path(line);
    return !path.empty() && is_forbidden(path, layer.forbidden);
  });
}

// Every offending line in the failure; a layer of fewer than 20 files means the checkout was
// not found, which must not pass.
void expect_clean(const Scan& result, const Layer& layer, const std::string& rule) {
  EXPECT_GE(result.files, 20) << layer.folder << "/ not found under " << CIMLOOP_SOURCE_DIR;
  std::string lines;
  for (const std::string& line : result.violations) lines += "\n  " + line;
  EXPECT_TRUE(result.violations.empty()) << rule << lines;
}

TEST(Layering, RecognisesTheIncludesItForbids) {
  EXPECT_EQ(included_path("#include \"compat/timeloop/yaml_values.hpp\""), "compat/timeloop/yaml_values.hpp");
  EXPECT_EQ(included_path("  #  include <yaml-cpp/yaml.h>  // reader"), "yaml-cpp/yaml.h");
  EXPECT_EQ(included_path("// #include \"compat/config/input_files.hpp\" is not included"), "");
  EXPECT_TRUE(is_forbidden("compat/config/input_files.hpp", kModel.forbidden));
  EXPECT_TRUE(is_forbidden("yaml-cpp/yaml.h", kModel.forbidden));
  EXPECT_TRUE(is_forbidden("libconfig.h++", kModel.forbidden));
  EXPECT_TRUE(is_forbidden("estimators/estimator.hpp", kModel.forbidden));
  EXPECT_FALSE(is_forbidden("src/workload/workload.hpp", kModel.forbidden));
  EXPECT_TRUE(is_forbidden("compat/accelergy/tables.hpp", kEstimators.forbidden));
  EXPECT_FALSE(is_forbidden("yaml-cpp/yaml.h", kEstimators.forbidden));
  EXPECT_FALSE(is_forbidden("src/common/error.hpp", kEstimators.forbidden));
  EXPECT_TRUE(names_format_library("namespace YAML {"));
  EXPECT_TRUE(names_format_library("Workload parse(const YAML::Node& problem);"));
  EXPECT_TRUE(names_format_library("void f(const compat::SourceMap& sources);"));
  EXPECT_FALSE(names_format_library("int x;  // read by compat::parse_workload from YAML::Node"));
}

TEST(Layering, ModelIncludesNoReaderEstimatorOrFormatLibrary) {
  expect_clean(forbidden_includes(kModel), kModel, "src/ (except src/apps) is the model and knows no file format:");
}

TEST(Layering, ModelNamesNoFormatLibrary) {
  expect_clean(scan(kModel, names_format_library), kModel, "src/ (except src/apps) names a format library or reader:");
}

TEST(Layering, EstimatorsIncludeNoReader) {
  expect_clean(forbidden_includes(kEstimators), kEstimators, "estimators/ is used by compat/, not the reverse:");
}

TEST(Layering, CompatIncludesNoProgram) {
  expect_clean(forbidden_includes(kCompat), kCompat, "compat/ is used by the programs, not the reverse:");
}

}  // namespace
}  // namespace cimloop
