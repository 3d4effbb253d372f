import Foundation
import PropertyBased
import Testing

@testable import CrisisPlan

/// Every answer and every body the service sends is written by `JSONWriter`, one key or value
/// at a time. Whatever the shape — empty objects and arrays beside others, nesting, texts with
/// quotes, backslashes and control characters — what it writes must be the tree written out
/// plainly, byte for byte, and JSON that a standard parser reads back as the same tree.
@Suite("The JSON writer writes any tree as plain JSON")
struct JSONWriterPropertyTests {
    indirect enum Tree: Equatable {
        case text(String)
        case flag(Bool)
        case number(Int)
        case none
        case list([Tree])
        case members([(String, Tree)])

        static func == (a: Tree, b: Tree) -> Bool {
            switch (a, b) {
            case (.text(let x), .text(let y)): x == y
            case (.flag(let x), .flag(let y)): x == y
            case (.number(let x), .number(let y)): x == y
            case (.none, .none): true
            case (.list(let x), .list(let y)): x == y
            case (.members(let x), .members(let y)): x.map(\.0) == y.map(\.0) && x.map(\.1) == y.map(\.1)
            default: false
            }
        }
    }

    static let pieces = ["a", "Sam", " ", "é", "漢", "\"", "\\", "/", "\n", "\r", "\t", "\u{1}", "\u{8}", "\u{1F}", "\u{7F}", ""]

    static func text(_ c: inout ChoiceStream) -> String {
        (0..<c.next(4)).map { _ in pieces[c.next(pieces.count)] }.joined()
    }

    static func tree(_ c: inout ChoiceStream, depth: Int) -> Tree {
        switch c.next(depth > 3 ? 4 : 6) {
        case 0: return .text(text(&c))
        case 1: return .flag(c.chance(50))
        case 2: return .number(c.next(2001) - 1000)
        case 3: return .none
        case 4: return .list((0..<c.next(4)).map { _ in tree(&c, depth: depth + 1) })
        default:
            var members: [(String, Tree)] = []
            for position in 0..<c.next(4) {
                members.append((text(&c) + "#\(position)", tree(&c, depth: depth + 1)))
            }
            return .members(members)
        }
    }

    static func write(_ tree: Tree, _ json: inout JSONWriter) {
        switch tree {
        case .text(let value): json.string(value)
        case .flag(let value): json.bool(value)
        case .number(let value): json.raw(String(value))
        case .none: json.null()
        case .list(let values):
            json.beginArray()
            for value in values { write(value, &json) }
            json.endArray()
        case .members(let members):
            json.beginObject()
            for (key, value) in members {
                json.key(key)
                write(value, &json)
            }
            json.endObject()
        }
    }

    /// The same tree written plainly, in one expression per case.
    static func plain(_ tree: Tree) -> String {
        switch tree {
        case .text(let value): quoted(value)
        case .flag(let value): value ? "true" : "false"
        case .number(let value): String(value)
        case .none: "null"
        case .list(let values): "[" + values.map(plain).joined(separator: ",") + "]"
        case .members(let members): "{" + members.map { quoted($0.0) + ":" + plain($0.1) }.joined(separator: ",") + "}"
        }
    }

    static func quoted(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// What a standard parser read, as a tree (objects' keys in sorted order).
    static func tree(parsed: Any) -> Tree {
        switch parsed {
        case let value as String: return .text(value)
        case let value as NSNumber where String(cString: value.objCType) == "c": return .flag(value.boolValue)
        case let value as NSNumber: return .number(value.intValue)
        case let values as [Any]: return .list(values.map { tree(parsed: $0) })
        case let members as [String: Any]:
            return .members(members.keys.sorted().map { ($0, tree(parsed: members[$0]!)) })
        default: return .none
        }
    }

    static func sortingKeys(_ tree: Tree) -> Tree {
        switch tree {
        case .list(let values): .list(values.map(sortingKeys))
        case .members(let members): .members(members.sorted { $0.0 < $1.0 }.map { ($0.0, sortingKeys($0.1)) })
        default: tree
        }
    }

    @Test("for any tree, the writer's bytes are the tree written plainly, and parse back to it")
    func writesPlainJSON() async throws {
        await propertyCheck(count: 2_000, input: Gen.int(in: 0...1_000_000).array(of: 0...80)) { choices in
            var c = ChoiceStream(choices)
            let tree = Self.tree(&c, depth: 0)
            var json = JSONWriter()
            Self.write(tree, &json)
            #expect(json.text == Self.plain(tree))
            let parsed = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
            #expect(parsed.map { Self.tree(parsed: $0) } == Self.sortingKeys(tree), "\(json.text)")
        }
    }

    @Test("an empty object or array among others is followed by its comma")
    func emptyContainers() {
        var json = JSONWriter()
        json.beginObject()
        json.key("a")
        json.beginObject()
        json.endObject()
        json.key("b")
        json.beginArray()
        json.beginArray()
        json.endArray()
        json.beginObject()
        json.endObject()
        json.null()
        json.endArray()
        json.endObject()
        #expect(json.text == #"{"a":{},"b":[[],{},null]}"#)
    }
}
