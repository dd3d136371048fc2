using System.Text;
using QRCoder;

namespace PatrolScores.TerminalBoard.Pairing;

/// <summary>
/// A QR code (QRCoder) drawn with half-block characters, two modules a character row: light modules are drawn
/// (█ ▀ ▄), dark ones left blank, on an explicit black background in bright white, so it scans on a light or a dark
/// terminal. The quiet zone (4 modules) is included.
/// </summary>
internal static class QrCodeText
{
    /// <summary>The lines of the QR code of <paramref name="text"/> (error correction level L, the smallest code).</summary>
    public static IReadOnlyList<string> Render(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.L);
        var matrix = data.ModuleMatrix;
        var size = matrix.Count;
        var lines = new List<string>((size + 1) / 2);
        for (var row = 0; row < size; row += 2)
        {
            var line = new StringBuilder("\e[97;40m");
            for (var column = 0; column < size; column++)
            {
                var topLight = !matrix[row][column];
                var bottomLight = row + 1 >= size || !matrix[row + 1][column];
                line.Append((topLight, bottomLight) switch
                {
                    (true, true) => '█',
                    (true, false) => '▀',
                    (false, true) => '▄',
                    _ => ' ',
                });
            }

            lines.Add(line.Append("\e[0m").ToString());
        }

        return lines;
    }
}
