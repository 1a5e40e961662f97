# Writes emoji_data.cpp: Unicode's emoji-test.txt (code points, status,
# emoji, version and CLDR name per line) and the shortcode JSON, as two
# string constants that emoji.cpp parses at first use.
file(READ "${TEST_TXT}" test_txt)
file(READ "${SHORTCODES}" shortcodes)
file(WRITE "${OUT}" "// Generated from ${TEST_TXT} and ${SHORTCODES}; do not edit.\n"
  "#include <string_view>\n"
  "namespace sf::pack::detail {\n"
  "extern const std::string_view kEmojiTest;\n"
  "extern const std::string_view kEmojiShortcodes;\n"
  "const std::string_view kEmojiTest = R\"sfemoji(${test_txt})sfemoji\";\n"
  "const std::string_view kEmojiShortcodes = R\"sfemoji(${shortcodes})sfemoji\";\n"
  "}\n")
