#include <catch2/catch.hpp>

#include "apps/apps.h"
#include "apps/bundle_id.h"
#include "apps/openstep_plist.h"
#include "apps/pbxproj.h"
#include "apps/template_filler.h"
#include "base/files.h"
#include "support/temp_dir.h"

using namespace sf::apps;

TEST_CASE("the filler replaces every marker and escapes for the file type", "[apps]") {
  Placeholders values = {{"name", "Joe's \"Best\" $tickers & <co>"}, {"id", "com.example.x"}};
  CHECK(fill_template("a {{id}} b", values, Escaping::none, "t.txt") == "a com.example.x b");
  CHECK(fill_template("<s>{{name}}</s>", values, Escaping::xml, "t.xml") ==
        "<s>Joe&#39;s &quot;Best&quot; $tickers &amp; &lt;co&gt;</s>");
  CHECK(fill_template("\"{{name}}\"", values, escaping_for("Main.kt"), "Main.kt") ==
        "\"Joe's \\\"Best\\\" \\$tickers & <co>\"");
  CHECK(fill_template("\"{{name}}\"", values, escaping_for("Main.swift"), "Main.swift") ==
        "\"Joe's \\\"Best\\\" $tickers & <co>\"");
  CHECK(fill_template("{{name}}", values, escaping_for("a/res/values/strings.xml"), "strings.xml") ==
        "Joe\\&#39;s \\&quot;Best\\&quot; $tickers &amp; &lt;co&gt;");
  CHECK(fill_template("{{name}}", {{"name", "a\"b\nc"}}, Escaping::json_string, "x.json") == "a\\\"b\\nc");
  CHECK(fill_template("<x/>{{line_raw}}", {{"line_raw", "<y/>"}}, Escaping::xml, "t.xml") == "<x/><y/>");
}

TEST_CASE("the filler refuses unknown and unclosed markers, naming template and line", "[apps]") {
  REQUIRE_THROWS_WITH(fill_template("ok\n{{nope}}", {}, Escaping::none, "App/Info.plist"),
                      Catch::Contains("template 'App/Info.plist' line 2") &&
                          Catch::Contains("no value for placeholder '{{nope}}'"));
  REQUIRE_THROWS_WITH(fill_template("a {{open\n}}", {{"open", "x"}}, Escaping::none, "t.kt"),
                      Catch::Contains("line 1") && Catch::Contains("not closed"));
}

TEST_CASE("bundle ids are checked with the rule of each platform", "[apps]") {
  CHECK_NOTHROW(check_bundle_id("com.example.stickers", Ecosystem::apple));
  CHECK_NOTHROW(check_bundle_id("com.example.my-stickers", Ecosystem::apple));
  CHECK_NOTHROW(check_bundle_id("com.example.my_stickers", Ecosystem::android));
  REQUIRE_THROWS_WITH(check_bundle_id("stickers", Ecosystem::apple),
                      Catch::Contains("bundle id 'stickers'") && Catch::Contains("one part only") &&
                          Catch::Contains("like 'com.example.stickers'"));
  REQUIRE_THROWS_WITH(check_bundle_id("com.example.my_stickers", Ecosystem::apple),
                      Catch::Contains("character '_'") && Catch::Contains("letters, digits and '-'"));
  REQUIRE_THROWS_WITH(check_bundle_id("com.example.my-stickers", Ecosystem::android),
                      Catch::Contains("character '-'") && Catch::Contains("Android package name"));
  REQUIRE_THROWS_WITH(check_bundle_id("com.new.stickers", Ecosystem::android),
                      Catch::Contains("'new' is a Java/Kotlin keyword"));
  REQUIRE_THROWS_WITH(check_bundle_id("com.1up.stickers", Ecosystem::android),
                      Catch::Contains("does not start with a letter"));
  REQUIRE_THROWS_WITH(check_bundle_id("com..x", Ecosystem::apple), Catch::Contains("empty part"));
}

TEST_CASE("unknown app kinds are refused with a suggestion", "[apps]") {
  CHECK(parse_app_kind("ios-keyboard") == AppKind::ios_keyboard);
  REQUIRE_THROWS_WITH(parse_app_kind("imesage"),
                      Catch::Contains("unknown app kind 'imesage'") &&
                          Catch::Contains("did you mean 'imessage'?") &&
                          Catch::Contains("whatsapp-android"));
}

TEST_CASE("pbxproj output is stable, quoted where needed and parses", "[apps]") {
  CHECK(xcode_object_id("a") == xcode_object_id("a"));
  CHECK(xcode_object_id("a") != xcode_object_id("b"));
  CHECK(xcode_object_id("a").size() == 24);
  CHECK(pbx_quote("App/Info.plist") == "App/Info.plist");
  CHECK(pbx_quote("$(TARGET_NAME)") == "\"$(TARGET_NAME)\"");
  CHECK(pbx_quote("a \"b\"") == "\"a \\\"b\\\"\"");
  CHECK(pbx_quote("") == "\"\"");

  XcodeProject project;
  project.name = "Demo";
  XcodeTarget app;
  app.name = "Demo";
  app.product_type = "com.apple.product-type.application";
  app.bundle_id = "com.example.demo";
  app.info_plist = "App/Info.plist";
  app.sources = {"App/Main.swift"};
  app.embeds = {"Ext"};
  XcodeTarget ext;
  ext.name = "Ext";
  ext.product_type = "com.apple.product-type.app-extension";
  ext.is_extension = true;
  ext.bundle_id = "com.example.demo.Ext";
  ext.info_plist = "Ext/Info.plist";
  ext.resources = {"Ext/Stickers"};
  project.targets = {app, ext};
  std::string text = render_pbxproj(project);
  CHECK(text == render_pbxproj(project));
  sf::test::PlistNode root = sf::test::parse_openstep_plist(text);
  const sf::test::PlistNode* objects = root.find("objects");
  REQUIRE(objects);
  CHECK(objects->find(root.string_at("rootObject"))->string_at("isa") == "PBXProject");
  int targets = 0;
  for (const auto& [id, body] : objects->entries) targets += body.string_at("isa") == "PBXNativeTarget";
  CHECK(targets == 2);
  CHECK(text.find("dstSubfolderSpec = 13;") != std::string::npos);  // the extension is embedded

  project.targets[0].embeds = {"Nope"};
  REQUIRE_THROWS_WITH(render_pbxproj(project), Catch::Contains("embeds 'Nope'"));
}

TEST_CASE("the pbxproj parser used by the checks rejects broken files", "[apps]") {
  REQUIRE_THROWS_WITH(sf::test::parse_openstep_plist("// !$*UTF8*$!\n{\n\ta = b;\n\tc = ;\n}\n"),
                      Catch::Contains("line 4: unexpected character ';'"));
  REQUIRE_THROWS_WITH(sf::test::parse_openstep_plist("// !$*UTF8*$!\n{ a = b }"),
                      Catch::Contains("expected ';'"));
  REQUIRE_THROWS_WITH(sf::test::parse_openstep_plist("{ a = b; }"), Catch::Contains("marker"));
}

TEST_CASE("the redemption code every locked app ships lives once, in templates/shared", "[apps]") {
  // The generators render these into each project (see generate_test for
  // where they land); one copy means the apps cannot drift apart.
  auto shared = sf::test::source_dir() / "templates/shared";
  std::string swift = sf::read_text_file(shared / "ios-redemption/Redemption.swift");
  std::string kotlin = sf::read_text_file(shared / "android-redemption/Redemption.kt");
  CHECK_THAT(swift, Catch::Contains("\"Idempotency-Key\"") && Catch::Contains("/v1/redemptions"));
  CHECK_THAT(kotlin, Catch::Contains("\"Idempotency-Key\"") && Catch::Contains("/v1/redemptions"));
  CHECK_FALSE(std::filesystem::exists(sf::test::source_dir() / "templates/whatsapp-ios/project/App/Redemption.swift"));
}
