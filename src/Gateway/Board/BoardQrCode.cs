using QRCoder;

namespace PatrolScores.Gateway.Board;

/// <summary>The pairing QR code as SVG (QRCoder): dark modules on white with the quiet zone, scalable (a viewBox, no fixed size).</summary>
internal static class BoardQrCode
{
    public const string ContentType = "image/svg+xml";

    public static string Svg(string url)
    {
        using var data = QRCodeGenerator.GenerateQrCode(url, QRCodeGenerator.ECCLevel.M);
        using var code = new SvgQRCode(data);
        return code.GetGraphic(8, "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
    }
}
