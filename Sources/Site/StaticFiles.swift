import Foundation

/// Files every site carries besides its pages, copied from the `Site` module's resources:
/// the math font, so formulas look the same on every machine and brackets stretch, offline.
public enum StaticFiles {
    /// Latin Modern Math (GUST Font License, from Debian's `fonts-lmodern`): the TeX look,
    /// with the OpenType MATH table browsers need to stretch brackets and big operators.
    static let mathFont = "fonts/latinmodern-math.otf"
    static let mathFontLicense = "fonts/GUST-FONT-LICENSE.txt"

    /// The files by their path in the site, each with the file to copy.
    public static var files: [String: URL] {
        var files: [String: URL] = [:]
        for (path, name) in [(mathFont, "latinmodern-math.otf"), (mathFontLicense, "GUST-FONT-LICENSE.txt")] {
            if let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fonts")
                ?? Bundle.module.url(forResource: name, withExtension: nil) {
                files[path] = url
            }
        }
        return files
    }
}
