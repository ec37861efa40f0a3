using System.Globalization;
using System.Text;

namespace IpfsKit.Node.Cli;

/// <summary>
/// Shows an upload's progress on a writer (stderr): on a terminal one line redrawn in place with <c>\r</c> (at most
/// 10 times a second); redirected, a plain line at every 10 % and at least every second, so logs stay readable.
/// </summary>
/// <remarks>Thread-safe: reads may report from any thread.</remarks>
internal sealed class ProgressBar
{
    private const int BarWidth = 24;
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(1);

    private readonly TextWriter _writer;
    private readonly bool _interactive;
    private readonly TimeProvider _time;
    private readonly string _label;
    private readonly long _total;
    private readonly long _started;
    private readonly Lock _lock = new();
    private long _done;
    private long _lastDrawn;
    private int _lastDecile = -1;
    private int _lastWidth;
    private bool _finished;

    public ProgressBar(TextWriter writer, bool interactive, string label, long totalBytes, TimeProvider time)
    {
        _writer = writer;
        _interactive = interactive;
        _label = label.Length > 28 ? "…" + label[^27..] : label;
        _total = Math.Max(0, totalBytes);
        _time = time;
        _started = time.GetTimestamp();
        _lastDrawn = long.MinValue;
    }

    /// <summary>Adds <paramref name="bytes"/> to the bytes done and redraws when due.</summary>
    public void Advance(long bytes)
    {
        lock (_lock)
        {
            _done += bytes;
            Draw(force: false);
        }
    }

    /// <summary>Draws the final state (100 % when every byte was read) and ends the line.</summary>
    public void Finish()
    {
        lock (_lock)
        {
            if (_finished)
            {
                return;
            }

            if (_interactive || _lastDecile < 10)
            {
                Draw(force: true);
            }

            if (_interactive)
            {
                _writer.WriteLine();
            }

            _writer.Flush();
            _finished = true;
        }
    }

    private void Draw(bool force)
    {
        var now = _time.GetTimestamp();
        var percent = _total == 0 ? 100 : (int)Math.Min(100, _done * 100 / _total);
        if (!force)
        {
            if (_interactive && _lastDrawn != long.MinValue && _time.GetElapsedTime(_lastDrawn, now) < RedrawInterval)
            {
                return;
            }

            if (!_interactive && percent / 10 <= _lastDecile
                && (_lastDrawn == long.MinValue || _time.GetElapsedTime(_lastDrawn, now) < PlainInterval))
            {
                return;
            }
        }

        _lastDrawn = now;
        _lastDecile = percent / 10;
        var elapsed = _time.GetElapsedTime(_started, now);
        var rate = elapsed.TotalSeconds > 0.05 ? _done / elapsed.TotalSeconds : 0;
        var eta = rate > 0 && _total > _done ? ByteText.Duration(TimeSpan.FromSeconds((_total - _done) / rate)) : "0:00";
        var numbers = string.Create(
            CultureInfo.InvariantCulture,
            $"{percent,3}% {ByteText.Size(_done)} / {ByteText.Size(_total)}  {ByteText.Size(rate)}/s  ETA {eta}");
        if (_interactive)
        {
            var filled = BarWidth * percent / 100;
            var line = new StringBuilder()
                .Append(_label).Append(" [").Append('#', filled).Append('-', BarWidth - filled).Append("] ").Append(numbers)
                .ToString();
            var pad = Math.Max(0, _lastWidth - line.Length);
            _lastWidth = line.Length;
            _writer.Write("\r" + line + new string(' ', pad));
        }
        else
        {
            _writer.WriteLine($"{_label}: {numbers}");
        }

        _writer.Flush();
    }
}
