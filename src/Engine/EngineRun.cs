using Vtis.Engine.Detection;
using Vtis.Engine.Inpainting;
using Vtis.Engine.Media;
using Mat = OpenCvSharp.Mat;

namespace Vtis.Engine;

/// <summary>One pass over one video: the sliding window of frames between the decoder and the encoder.</summary>
/// <remarks>A frame is written once the frames a fill of it may copy from (<see cref="EngineOptions.FillAhead"/>
/// ahead) have their text measured, which needs a few more frames and the detections around them: the window holds
/// those, plus <see cref="EngineOptions.FillBehind"/> frames behind and the frames read ahead while detection runs.</remarks>
internal sealed class EngineRun(
    EngineOptions options, VideoSource source, RemovalRequest request, TextDetector? detector, IProgress<RemovalProgress>? progress)
    : IDisposable, IFrameLookup
{
    private readonly List<FrameSlot> _window = [];          // frames in index order, not yet released
    private readonly Stack<FrameSlot> _free = new();
    private readonly Queue<FrameSlot> _detecting = new();    // detection frames whose result the planner has not had
    private MaskPlanner? _planner;
    private readonly RawFormat _format = RawFormat.For(source.Width, source.Height);
    private readonly int _every = Math.Max(1, options.DetectEvery);
    private readonly int _ahead = Math.Max(0, options.FillAhead);
    private readonly int _behind = Math.Max(1, Math.Max(options.FillBehind, TextFootprint.Reach));
    private int _planned;       // frames [0, _planned) have boxes
    private int _written;       // frames [0, _written) are encoded
    private int _withText;
    private int _lastPercent = -1;
    private FrameSlot? _last;
    private byte[] _encoded = [];
    private Mat[] _encodedPlanes = [];
    private Mat? _encodedPin;
    private Mat? _status;
    private Mat? _allFresh;
    private FrameCleaner? _cleaner;
    private StaticOverlays? _overlays;
    private FrameAnalysis? _analyser;
    private Task? _analysis;
    private int _analysisFirst;
    private BackgroundMosaic? _mosaic;

    /// <summary>Frames after the oldest unwritten one that must be planned before it is written: the fill's reach
    /// ahead, and the frames the text of the farthest of those is measured against.</summary>
    private int Planned => _ahead + TextFootprint.Reach;

    /// <summary>Frames read beyond what planning needs before the engine waits for a detection, so detection runs
    /// while earlier frames are cleaned instead of after. They hold only raw bytes; bounded to about 64 MB.</summary>
    private int ReadAhead => Math.Clamp(64_000_000 / _format.FrameBytes, _every, 2 * _every);

    public async Task<(int Frames, int WithText)> ExecuteAsync(CancellationToken ct)
    {
        _planner = new MaskPlanner(source.Width, source.Height, request.Regions, request.Detect, detector is null ? null : this);
        await using var reader = new FrameReader(options.FfmpegPath, request.InputPath, _format, source.FrameRate);
        await using var writer = new FrameWriter(options.FfmpegPath, request.InputPath, request.OutputPath, source, _format,
            options.Preset, request.Quality == EncodeQuality.High ? options.CrfHigh : options.CrfStandard);
        _encoded = new byte[_format.FrameBytes];
        _encodedPlanes = _format.Planes(_encoded, out var pin);
        _encodedPin = pin;
        _status = new Mat(source.Height, source.Width, OpenCvSharp.MatType.CV_8UC1);
        _allFresh = new Mat(source.Height, source.Width, OpenCvSharp.MatType.CV_8UC1, OpenCvSharp.Scalar.All(BackgroundMosaic.Fresh));
        _cleaner = new FrameCleaner(options.Inpaint, _behind, _ahead, _format.ChromaShift);
        _mosaic = options.Inpaint == InpaintMethod.Temporal ? new BackgroundMosaic(source.Width, source.Height, _format.ChromaShift) : null;
        _overlays = request.Detect && request.StaticOverlays ? new StaticOverlays(source.Width, source.Height) : null;
        _analyser = new FrameAnalysis(source.Width, source.Height, _format.ChromaShift, request.Regions, _overlays, _ahead + TextFootprint.Reach);
        try
        {
            for (var index = 0; ; index++)
            {
                ct.ThrowIfCancellationRequested();
                var slot = _free.Count > 0 ? _free.Pop() : new FrameSlot(_format);
                var (read, time) = await reader.ReadAsync(slot.Raw, ct);
                if (!read)
                {
                    _free.Push(slot);
                    break;
                }
                slot.Reset(index, time);
                _window.Add(slot);
                _last = slot;
                if (_planner!.IsDetectionFrame(index, _every)) StartDetection(slot);
                await AdvanceAsync(writer, final: false, ct);
            }

            await reader.CompleteAsync(ct);
            if (_last is not null && detector is not null && _last.Detection is null) StartDetection(_last);
            await AdvanceAsync(writer, final: true, ct);
            await writer.CompleteAsync(request.OutputPath, ct);
            Timing.Print();
            return (_written, _withText);
        }
        finally
        {
            // A detection or an analysis still running reads its frames: let them end before the frames are freed.
            foreach (var slot in _detecting) await Task.WhenAny(slot.Detection!);
            if (_analysis is not null) await Task.WhenAny(_analysis);
        }
    }

    public void Dispose()
    {
        foreach (var slot in _window.Concat(_free)) slot.Dispose();
        foreach (var plane in _encodedPlanes) plane.Dispose();
        _encodedPin?.Dispose();
        _mosaic?.Dispose();
        _overlays?.Dispose();
        _status?.Dispose();
        _allFresh?.Dispose();
    }

    private void StartDetection(FrameSlot slot)
    {
        // Converted on the detector's thread, from the raw bytes (the slot stays in the window until this ends).
        slot.Detection = Task.Run(() =>
        {
            using var image = slot.ImageCopy();
            return Timing.Run("detect", () => detector!.Detect(image));
        });
        _detecting.Enqueue(slot);
    }

    private async Task AdvanceAsync(FrameWriter writer, bool final, CancellationToken ct)
    {
        // Hand finished detections to the planner in order; wait for them only when the window is full or at the end.
        while (_detecting.Count > 0)
        {
            var next = _detecting.Peek();
            var mustWait = final || _window.Count > _behind + Planned + 2 * _every + 1 + ReadAhead || _detecting.Count > 4;
            if (!next.Detection!.IsCompleted && !mustWait) break;
            _planner!.AddDetection(next.Index, await next.Detection.WaitAsync(ct));
            _detecting.Dequeue();
        }
        if (final) _planner!.Complete();
        Plan();

        while (_written < _planned && (final || _planned - _written > Planned))
        {
            ct.ThrowIfCancellationRequested();
            await WriteNextAsync(writer, final, ct);
        }
    }

    private void Plan()
    {
        while (_planned < FirstIndex + _window.Count)
        {
            var slot = SlotAt(_planned);
            var plan = Timing.Run("plan", () => _planner!.TryPlan(slot.Index, slot.Time));
            if (plan is null) return;
            slot.Boxes = plan.Boxes;
            slot.Motions = plan.Motions;
            slot.Previous = _planned > FirstIndex ? SlotAt(_planned - 1) : null;
            _planned++;
        }
    }

    /// <summary>Starts analysing the planned frames not yet analysed, on the analysis thread, unless it is busy.</summary>
    private void StartAnalysis(bool final, CancellationToken ct)
    {
        if (_analysis is { IsCompleted: false } || _analyser is null) return;
        // The frames handed over start far enough back for the anchors and the samples of the first one measured.
        var first = Math.Max(FirstIndex, Math.Min(_analyser.Measured, _written) - _behind);
        if (_planned <= first) return;
        var frames = _window.GetRange(first - FirstIndex, _planned - first).ToArray();
        var analyser = _analyser;
        _analysisFirst = first;
        _analysis = Task.Run(() => analyser.Run(frames, first, final, ct), ct);
    }

    /// <summary>Waits until the frames [0, <paramref name="needed"/>) are analysed.</summary>
    private async Task AnalysedAsync(int needed, bool final, CancellationToken ct)
    {
        while (_analyser!.Measured < Math.Min(needed, _planned))
        {
            if (_analysis is { IsCompleted: false } running) await running;
            else
            {
                if (_analysis is { } done) await done; // rethrows what stopped it
                var before = _analyser.Measured;
                StartAnalysis(final, ct);
                await _analysis!;
                if (_analyser.Measured == before) return;
            }
        }
    }

    private async Task WriteNextAsync(FrameWriter writer, bool final, CancellationToken ct)
    {
        var slot = SlotAt(_written);
        var (from, to) = (_written - _behind, _written + _ahead + 1);

        await AnalysedAsync(to, final, ct);
        // The analysis thread goes on with the frames after these while this one is cleaned.
        StartAnalysis(final, ct);
        var keep = _mosaic is null ? [] : MosaicAreas(slot);
        _mosaic?.Follow(slot.ToPrevious);
        slot.Raw.AsSpan().CopyTo(_encoded);
        FrameMarks? marks = null;
        if (slot.HasText)
        {
            marks = slot.Marks;
            var first = Math.Max(FirstIndex, from);
            var neighbours = _window.GetRange(first - FirstIndex, Math.Min(_planned, to) - first);
            Timing.Run("clean", () => _cleaner!.Clean(slot, neighbours, _mosaic, _encodedPlanes, _status!));
            if (marks is { IsEmpty: false }) _withText++;
        }
        var runs = marks?.Runs() ?? [];
        request.OnFrameMask?.Invoke(new FrameMask(slot.Index, slot.Time, marks?.Boxes() ?? [], runs));
        // A frame without text goes out exactly as it came in; one with text differs only in its text pixels.
        await writer.WriteAsync(_encoded, slot.Time, ct);
        Timing.Run("mosaic", () => _mosaic?.Record(_encodedPlanes, marks is { IsEmpty: false } ? _status! : _allFresh!, keep));
        _written++;
        Release();
        Report();
    }

    /// <summary>Where the mosaic should keep the current frame: around the boxes of this frame and of the frames up to
    /// the fill's reach ahead. Background slides under a box by at most the camera's motion per frame, and the mosaic
    /// is written every frame, so a margin of twice the last motion is enough.</summary>
    private List<OpenCvSharp.Rect> MosaicAreas(FrameSlot slot)
    {
        var boxes = new List<PixelBox>();
        for (var i = _written; i < Math.Min(_planned, _written + _ahead + 1); i++)
            boxes.AddRange(SlotAt(i).Boxes!);
        if (boxes.Count == 0) return [];
        var motion = slot.Previous?.ToPrevious?.MaxShift(source.Width, source.Height) ?? source.Width / 32.0;
        var margin = 16 + (int)Math.Ceiling(2 * Math.Min(motion, source.Width / 8.0));
        var frame = new OpenCvSharp.Rect(0, 0, source.Width, source.Height);
        return FrameCleaner.Regions([.. BoxGeometry.Merge(boxes).Select(b =>
            new OpenCvSharp.Rect(b.X - margin, b.Y - margin, b.Width + 2 * margin, b.Height + 2 * margin) & frame)]);
    }

    /// <summary>Returns frames no later frame can use to the pool.</summary>
    private void Release()
    {
        // Fills look back FillBehind frames (the mosaic holds the rest). A frame still waiting to give the planner
        // its detection stays (it cannot, once written: planning needed it).
        // Nor a frame handed to the analysis thread while it runs.
        var analysed = _analysis is { IsCompleted: false } ? _analysisFirst : int.MaxValue;
        while (_window.Count > 0 && _window[0].Index < Math.Min(_written - _behind, analysed) && !_detecting.Contains(_window[0]))
        {
            _window[0].Recycle();
            _free.Push(_window[0]);
            _window.RemoveAt(0);
            if (_window.Count > 0) _window[0].Previous = null;
        }
        _planner!.Forget(_written);
    }

    private void Report()
    {
        var percent = new RemovalProgress(_written, Math.Max(source.EstimatedFrames, _written + 1)).Percent;
        if (percent == _lastPercent) return;
        _lastPercent = percent;
        progress?.Report(new RemovalProgress(_written, Math.Max(source.EstimatedFrames, _written + 1)));
    }

    Mat IFrameLookup.Grey(int frame) => SlotAt(frame).Grey;

    IReadOnlyList<PixelBox> IFrameLookup.DetectIn(int frame, PixelBox area)
        => detector!.DetectIn(source.Width, source.Height, area, SlotAt(frame).CropCopy);

    private int FirstIndex => _window.Count > 0 ? _window[0].Index : _written;

    private FrameSlot SlotAt(int index) => _window[index - FirstIndex];
}
