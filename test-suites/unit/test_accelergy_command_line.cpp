// Accelergy's command line as its Python argparse definition takes it, and `-l`'s listing.
#include <gtest/gtest.h>

#include "compat/accelergy/command_line.hpp"
#include "compat/accelergy/component_listing.hpp"
#include "src/common/error.hpp"

using namespace cimloop;

namespace {

accelergy::CommandLine parse(std::vector<std::string> arguments) { return accelergy::parse_command_line(arguments); }

TEST(AccelergyCommandLine, Defaults) {
  const accelergy::CommandLine line = parse({"arch.yaml"});
  EXPECT_EQ(line.files, std::vector<std::string>{"arch.yaml"});
  EXPECT_EQ(line.outdir, "./");
  EXPECT_EQ(line.oprefix, "");
  EXPECT_EQ(line.precision, 6);
  EXPECT_FALSE(line.verbose);
  EXPECT_EQ(line.output_files, std::vector<std::string>{"all"});
  EXPECT_TRUE(line.extra_plugins.empty());
  EXPECT_FALSE(line.list_components || line.help || line.suppress_version_errors || line.update_config_version);
}

TEST(AccelergyCommandLine, TimeloopfeVerboseCall) {
  // call_accelergy_verbose: `accelergy -v <files>` in the output directory.
  const accelergy::CommandLine line = parse({"-v", "/abs/parsed-processed-input.yaml"});
  EXPECT_TRUE(line.verbose);
  EXPECT_EQ(line.files, std::vector<std::string>{"/abs/parsed-processed-input.yaml"});
}

TEST(AccelergyCommandLine, VerboseOneIsTheFlag) {
  const accelergy::CommandLine line = parse({"a.yaml", "-v", "1", "b.yaml"});
  EXPECT_TRUE(line.verbose);
  EXPECT_EQ(line.files, (std::vector<std::string>{"a.yaml", "b.yaml"}));
  EXPECT_TRUE(parse({"--verbose", "1", "a.yaml"}).verbose);
}

TEST(AccelergyCommandLine, TimeloopCall) {
  // Timeloop: accelergy <files> --oprefix <prefix>. -o <dir>/
  const accelergy::CommandLine line = parse({"a.yaml", "b.yaml", "--oprefix", "timeloop-model.", "-o", "out/"});
  EXPECT_EQ(line.files, (std::vector<std::string>{"a.yaml", "b.yaml"}));
  EXPECT_EQ(line.oprefix, "timeloop-model.");
  EXPECT_EQ(line.outdir, "out/");
}

TEST(AccelergyCommandLine, EveryOption) {
  const accelergy::CommandLine line =
      parse({"--outdir", "o", "-p", "3", "--suppress_version_errors", "--update_config_version", "-e", "p1.py",
             "p2.py", "-f", "ERT", "ART", "--", "a.yaml"});
  EXPECT_EQ(line.outdir, "o");
  EXPECT_EQ(line.precision, 3);
  EXPECT_TRUE(line.suppress_version_errors && line.update_config_version);
  EXPECT_EQ(line.extra_plugins, (std::vector<std::string>{"p1.py", "p2.py"}));
  EXPECT_EQ(line.output_files, (std::vector<std::string>{"ERT", "ART"}));
  EXPECT_EQ(line.files, std::vector<std::string>{"a.yaml"});
  EXPECT_TRUE(parse({"-l"}).list_components);
  EXPECT_TRUE(parse({"--list-components"}).list_components);
  EXPECT_TRUE(parse({"-h"}).help);
  EXPECT_EQ(parse({"--toolchain", "current"}).toolchain, "current");
  EXPECT_TRUE(parse({"-f"}).output_files.empty());  // nargs="*": no outputs at all
}

TEST(AccelergyCommandLine, Errors) {
  EXPECT_THROW(parse({"--bogus"}), InputError);
  EXPECT_THROW(parse({"-p", "six"}), InputError);
  EXPECT_THROW(parse({"a.yaml", "-o"}), InputError);
}

class Fake : public estimators::PrimitiveEstimator {
 public:
  std::string name() const override { return "Fake"; }
  std::vector<std::string> class_names() const override { return {"thing", "other"}; }
  double accuracy(const estimators::Query&) const override { return 0; }
  estimators::Estimate estimate(const estimators::Query&) const override { return {}; }
};

class FakeWithActions : public Fake {
 public:
  std::string name() const override { return "Picky"; }
  std::vector<estimators::SupportedClass> supported_classes() const override {
    return {{"thing", {"read", "write"}, ""}, {"*", {}, "technology: -1"}};
  }
};

TEST(AccelergyListComponents, ClassesAndActionsPerEstimator) {
  estimators::Registry registry;
  registry.add(std::make_unique<Fake>());
  registry.add(std::make_unique<FakeWithActions>());
  EXPECT_EQ(accelergy::list_components(registry),
            "Fake:\n"
            "  thing: any action\n"
            "  other: any action\n"
            "Picky:\n"
            "  thing: read, write\n"
            "  * (technology: -1): any action\n");
}

TEST(AccelergyListComponents, BuiltinEstimators) {
  const std::string text = accelergy::list_components(estimators::Registry::builtin());
  EXPECT_NE(text.find("CactiSRAM:\n  SRAM: read, write, update, leak, idle\n"), std::string::npos) << text;
  EXPECT_NE(text.find("ADC Plug-In:\n  adc: convert, read, drive, sample, activate, leak\n"), std::string::npos);
  EXPECT_NE(text.find("\n  aladdin_adder: "), std::string::npos);  // the Library's tables
  EXPECT_NE(text.find("Capacitor:\n  capacitor: charge, leak, "), std::string::npos);
}

}  // namespace
