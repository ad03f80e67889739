#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "compat/config/input_files.hpp"
#include "src/common/error.hpp"

namespace cimloop::compat {
namespace {

class InputFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("cimloop_input_files_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& text) {
    const auto path = dir_ / name;
    std::ofstream(path) << text;
    return path.string();
  }

  std::filesystem::path dir_;
};

TEST_F(InputFilesTest, MergesFilesInOrderAsOneDocument) {
  const auto arch = write("arch.yaml", "architecture:\n  version: 0.4\n");
  const auto prob = write("prob.yaml", "problem:\n  instance: {R: 3}");
  const MergedInput merged = load_merged_inputs({arch, prob});
  EXPECT_EQ(merged.root["architecture"]["version"].as<std::string>(), "0.4");
  EXPECT_EQ(merged.root["problem"]["instance"]["R"].as<int>(), 3);
  EXPECT_EQ(merged.sources.locate(merged.root["architecture"]["version"]), arch + ":2");
  EXPECT_EQ(merged.sources.locate(merged.root["problem"]["instance"]["R"]), prob + ":2");
}

TEST_F(InputFilesTest, RewritesHyphenatedKeywordsOnWordBoundaries) {
  const auto file =
      write("a.yaml", "x:\n  read-write: true\n  word-bits: 8\n  my-word-bits-x: 1\n  energy-per-ingress: 2\n");
  const MergedInput merged = load_merged_inputs({file});
  EXPECT_TRUE(merged.root["x"]["read_write"].as<bool>());
  EXPECT_EQ(merged.root["x"]["word_bits"].as<int>(), 8);
  EXPECT_TRUE(merged.root["x"]["energy-per-ingress"].IsDefined());
  EXPECT_EQ(merged.warnings.size(), 2u);
}

TEST_F(InputFilesTest, SyntaxErrorNamesFileAndLine) {
  const auto good = write("good.yaml", "a: 1\nb: 2\n");
  const auto bad = write("bad.yaml", "c: [1, 2\nd: 3\n");
  try {
    load_merged_inputs({good, bad});
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find(bad + ":"), std::string::npos) << error.what();
  }
}

TEST_F(InputFilesTest, RejectsUnknownFileType) {
  const auto file = write("input.txt", "a: 1\n");
  EXPECT_THROW(load_merged_inputs({file}), InputError);
}

TEST_F(InputFilesTest, ReadsLibconfig) {
  const auto arch = write("arch.cfg",
                          "arch = { arithmetic = { instances = 16; word_bits = 8; };\n"
                          "  storage = ( { name = \"RF\"; entries = 64; energy = 0.5; } ); };\n");
  const auto prob = write("prob.cfg", "problem = { R = 3; P = 16; flag = true; };\n");
  const MergedInput merged = load_merged_inputs({arch, prob});
  EXPECT_EQ(merged.root["arch"]["arithmetic"]["instances"].as<int>(), 16);
  EXPECT_EQ(merged.root["arch"]["storage"][0]["name"].as<std::string>(), "RF");
  EXPECT_DOUBLE_EQ(merged.root["arch"]["storage"][0]["energy"].as<double>(), 0.5);
  EXPECT_EQ(merged.root["problem"]["P"].as<int>(), 16);
  EXPECT_TRUE(merged.root["problem"]["flag"].as<bool>());
}

TEST_F(InputFilesTest, LibconfigSyntaxErrorNamesTheFile) {
  const auto first = write("a.cfg", "a = 1;\n");
  const auto second = write("b.cfg", "b = ;\n");
  try {
    load_merged_inputs({first, second});
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find(second + ":1"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace cimloop::compat
