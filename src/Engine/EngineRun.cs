using Vtis.Engine.Detection;
using Vtis.Engine.Inpainting;
using Vtis.Engine.Media;
using Mat = OpenCvSharp.Mat;

namespace Vtis.Engine;

/// <summary>One pass over one video: the sliding window of frames between the decoder and the encoder.</summary>
internal sealed class EngineRun(
    EngineOptions options, VideoSource source, RemovalRequest request, TextDetector? detector, IProgress<RemovalProgress>? progress)
    : IDisposable, IFrameLookup
{
    private readonly List<FrameSlot> _window = [];          // frames in index order, not yet released
    private readonly Stack<FrameSlot> _free = new();
    private readonly MatPool _images = new(source.Height, source.Width, OpenCvSharp.MatType.CV_8UC3);
    private readonly MatPool _masks = new(source.Height, source.Width, OpenCvSharp.MatType.CV_8UC1);
    private readonly Queue<FrameSlot> _detecting = new();    // detection frames whose result the planner has not had
    private MaskPlanner? _planner;
    private readonly FrameInpainter _inpainter = new(options.Inpaint, options.WindowRadius);
    private readonly int _every = Math.Max(1, options.DetectEvery);
    private int _planned;       // frames [0, _planned) have boxes and motion
    private int _written;       // frames [0, _written) are encoded
    private int _withText;
    private int _lastPercent = -1;
    private FrameSlot? _last;
    private readonly RawFormat _format = RawFormat.For(source.Width, source.Height);
    private byte[] _encoded = [];
    private OpenCvSharp.Mat? _encodedView;
    private OpenCvSharp.Mat? _outputMat;
    private OpenCvSharp.Mat? _status;
    private OpenCvSharp.Mat? _allFresh;
    private readonly BackgroundMosaic? _mosaic = options.Inpaint == InpaintMethod.Temporal ? new BackgroundMosaic(source.Width, source.Height) : null;

    /// <summary>Frames the window keeps after the oldest unwritten one: enough for the fill window and for the two
    /// detections ahead that planning needs.</summary>
    private int Lookahead => options.WindowRadius + 2 * _every + 1;

    /// <summary>Frames read beyond <see cref="Lookahead"/> before the engine waits for a detection, so detection runs
    /// while earlier frames are cleaned instead of after. They hold only raw bytes; bounded to about 96 MB.</summary>
    private int ReadAhead => Math.Clamp(96_000_000 / _format.FrameBytes, _every, 2 * _every);

    public async Task<(int Frames, int WithText)> ExecuteAsync(CancellationToken ct)
    {
        _planner = new MaskPlanner(source.Width, source.Height, request.Regions, request.Detect, detector is null ? null : this);
        await using var reader = new FrameReader(options.FfmpegPath, request.InputPath, _format, source.FrameRate);
        await using var writer = new FrameWriter(options.FfmpegPath, request.InputPath, request.OutputPath, source, _format,
            options.Preset, request.Quality == EncodeQuality.High ? options.CrfHigh : options.CrfStandard);
        _outputMat = NewImage();
        _encoded = new byte[_format.FrameBytes];
        _encodedView = _format.View(_encoded);
        _status = new OpenCvSharp.Mat(source.Height, source.Width, OpenCvSharp.MatType.CV_8UC1);
        _allFresh = new OpenCvSharp.Mat(source.Height, source.Width, OpenCvSharp.MatType.CV_8UC1, OpenCvSharp.Scalar.All(BackgroundMosaic.Fresh));
        try
        {
            for (var index = 0; ; index++)
            {
                ct.ThrowIfCancellationRequested();
                var slot = _free.Count > 0 ? _free.Pop() : new FrameSlot(_format, _images, _masks);
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
            return (_written, _withText);
        }
        finally
        {
            // A detection still running reads its frame: let it end before the frame is freed.
            foreach (var slot in _detecting) await Task.WhenAny(slot.Detection!);
        }
    }

    public void Dispose()
    {
        foreach (var slot in _window.Concat(_free)) slot.Dispose();
        _images.Dispose();
        _masks.Dispose();
        _outputMat?.Dispose();
        _encodedView?.Dispose();
        _mosaic?.Dispose();
        _status?.Dispose();
        _allFresh?.Dispose();
    }

    private void StartDetection(FrameSlot slot)
    {
        // Converted on the detector's thread, from the raw bytes (the slot stays in the window until this ends).
        slot.Detection = Task.Run(() =>
        {
            using var image = slot.ImageCopy();
            return detector!.Detect(image);
        });
        _detecting.Enqueue(slot);
    }

    private async Task AdvanceAsync(FrameWriter writer, bool final, CancellationToken ct)
    {
        // Hand finished detections to the planner in order; wait for them only when the window is full or at the end.
        while (_detecting.Count > 0)
        {
            var next = _detecting.Peek();
            var mustWait = final || _window.Count > Lookahead + ReadAhead || _detecting.Count > 4;
            if (!next.Detection!.IsCompleted && !mustWait) break;
            _planner!.AddDetection(next.Index, await next.Detection.WaitAsync(ct));
            _detecting.Dequeue();
        }
        if (final) _planner!.Complete();
        Plan();

        while (_written < _planned && (final || _planned - _written > Lookahead - 2 * _every))
        {
            ct.ThrowIfCancellationRequested();
            await WriteNextAsync(writer, ct);
        }
    }

    private void Plan()
    {
        while (_planned < FirstIndex + _window.Count)
        {
            var slot = SlotAt(_planned);
            var boxes = _planner!.TryPlan(slot.Index, slot.Time);
            if (boxes is null) return;
            slot.Boxes = boxes;
            slot.Previous = _planned > FirstIndex ? SlotAt(_planned - 1) : null;
            _planned++;
        }
    }

    /// <summary>Estimates camera motion for the frames a fill of frame <paramref name="index"/> can draw on; only
    /// frames near text pay for it.</summary>
    private void EnsureMotion(int index)
    {
        var scale = MotionEstimator.AnalysisScale(source.Width);
        for (var i = Math.Max(FirstIndex, index); i < Math.Min(_planned, index + options.WindowRadius + 1); i++)
        {
            var slot = SlotAt(i);
            if (slot.MotionKnown) continue;
            slot.MotionKnown = true;
            if (slot.Previous is not { } before || before.Index != slot.Index - 1) continue;
            before.Analysis ??= MotionEstimator.Analysis(before.Grey);
            slot.Analysis ??= MotionEstimator.Analysis(slot.Grey);
            slot.ToPrevious = MotionEstimator.Estimate(before.Analysis, slot.Analysis, before.Boxes!, slot.Boxes!, scale)?.Rescaled(scale);
        }
    }

    private async Task WriteNextAsync(FrameWriter writer, CancellationToken ct)
    {
        var slot = SlotAt(_written);
        var from = Math.Max(0, _written - FirstIndex - options.WindowRadius);
        var to = Math.Min(_planned - FirstIndex, _written - FirstIndex + options.WindowRadius + 1);
        var neighbours = _window.GetRange(from, to - from);

        // Background near text now or soon goes into the mosaic; that needs the camera's motion up to here.
        var keep = _mosaic is null ? [] : MosaicAreas(slot);
        if (_mosaic is not null)
        {
            if (slot.HasText || keep.Count > 0) EnsureMotion(_written);
            _mosaic.Follow(slot.ToPrevious);
        }
        if (slot.HasText)
        {
            _inpainter.Clean(slot, neighbours, _mosaic, _outputMat!, _status!);
            _format.FromBgr(_outputMat!, _encodedView!);
            _withText++;
        }
        request.OnFrameMask?.Invoke(new FrameMask(slot.Index, slot.Time, slot.Boxes!));
        // A frame without text goes out exactly as it came in.
        await writer.WriteAsync(slot.HasText ? _encoded : slot.Raw, slot.Time, ct);
        _mosaic?.Record(slot.HasText ? _outputMat! : slot.Image, slot.HasText ? _status! : _allFresh!, keep);
        _written++;
        Release();
        Report();
    }

    /// <summary>Where the mosaic should keep the current frame: around the boxes of this frame and of the frames up to
    /// the fill window ahead. Background slides under a box by at most the camera's motion per frame, and the mosaic
    /// is written every frame, so a margin of twice the last motion (and the blend band) is enough.</summary>
    private List<OpenCvSharp.Rect> MosaicAreas(FrameSlot slot)
    {
        var boxes = new List<PixelBox>();
        for (var i = _written; i < Math.Min(_planned, _written + options.WindowRadius + 1); i++)
            boxes.AddRange(SlotAt(i).Boxes!);
        if (boxes.Count == 0) return [];
        var motion = slot.Previous?.ToPrevious?.MaxShift(source.Width, source.Height) ?? source.Width / 32.0;
        var margin = 16 + (int)Math.Ceiling(2 * Math.Min(motion, source.Width / 8.0));
        return FrameInpainter.Regions(MaskPlanner.Merge(boxes), margin, source.Width, source.Height);
    }

    /// <summary>Returns frames no later frame can use to the pool.</summary>
    private void Release()
    {
        // Fills look one frame back (the mosaic holds the rest). A frame still waiting to give the planner its
        // detection stays (it cannot, once written: planning needed it).
        while (_window.Count > 0 && _window[0].Index < _written - 1 && !_detecting.Contains(_window[0]))
        {
            _window[0].Recycle();
            _free.Push(_window[0]);
            _window.RemoveAt(0);
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

    private OpenCvSharp.Mat NewImage() => new(source.Height, source.Width, OpenCvSharp.MatType.CV_8UC3);
}

