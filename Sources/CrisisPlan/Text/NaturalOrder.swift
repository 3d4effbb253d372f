/// Order as people count: runs of digits compare by their value, so `robin2` comes before
/// `robin10`; the rest compares by Unicode scalar, case-insensitively first.
public enum NaturalOrder {
    public static func precedes(_ left: String, _ right: String) -> Bool {
        let a = Array(left.lowercased().unicodeScalars)
        let b = Array(right.lowercased().unicodeScalars)
        var i = 0
        var j = 0
        while i < a.count, j < b.count {
            if a[i].properties.numericType == .decimal, b[j].properties.numericType == .decimal {
                var x = i
                while x < a.count, a[x].properties.numericType == .decimal { x += 1 }
                var y = j
                while y < b.count, b[y].properties.numericType == .decimal { y += 1 }
                let digitsA = String(String.UnicodeScalarView(a[i..<x]).drop { $0 == "0" })
                let digitsB = String(String.UnicodeScalarView(b[j..<y]).drop { $0 == "0" })
                if digitsA.count != digitsB.count { return digitsA.count < digitsB.count }
                if digitsA != digitsB { return digitsA < digitsB }
                i = x
                j = y
            } else {
                if a[i] != b[j] { return a[i].value < b[j].value }
                i += 1
                j += 1
            }
        }
        if a.count - i != b.count - j { return a.count - i < b.count - j }
        return left < right
    }
}
