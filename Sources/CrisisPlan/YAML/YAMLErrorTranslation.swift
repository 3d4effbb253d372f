/// libyaml's commonest syntax errors, said as what to fix (issue 8: "did not find expected '-'
/// indicator while parsing a block collection" tells a clinician nothing). Anything not listed
/// keeps libyaml's own words after "invalid YAML:".
enum YAMLErrorTranslation {
    static func message(problem: String, context: String?) -> String? {
        switch (problem, context ?? "") {
        case ("did not find expected '-' indicator", _):
            return "this line is not lined up with the list above it: each item of a list starts with '- ' in the same column; indent this line to match, or start it with '- '"
        case ("did not find expected key", _):
            return "YAML expected another key of the map here: keys of one map start in the same column, and quoted text ends at its closing quote with nothing after it; check this line's indentation and quotes"
        case ("mapping values are not allowed in this context", _):
            return "a ':' followed by a space starts a key here, where a value was expected; if this is text, put it in quotes (\"like: this\"), otherwise check the indentation"
        case ("could not find expected ':'", _):
            return "a key needs ':' after it; if this line is meant to continue the text above, indent it further, or put the text in quotes"
        case ("found character that cannot start any token", _):
            return "this character cannot start a value here; tabs cannot indent YAML (use spaces), and text starting with '@', '`' or '%' must be in quotes"
        case ("found unexpected end of stream", _), ("found unknown escape character", _):
            return "unfinished quoted text: close the quote (\") on the same value, and write a backslash as \\\\"
        case ("did not find expected ',' or ']'", _):
            return "a list written in [brackets] is not closed: add ']' or separate items with ', '"
        case ("did not find expected ',' or '}'", _):
            return "a map written in {braces} is not closed: add '}' or separate entries with ', '"
        default:
            return nil
        }
    }
}
