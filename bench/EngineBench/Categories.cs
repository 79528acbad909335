namespace Vtis.EngineBench;

/// <summary>A kind of hard case, with the recipe that draws one of its clips from a <see cref="ClipDraft"/>.</summary>
internal sealed record Category(string Name, Camera Camera, string Description, Func<ClipDraft, ClipSpec> Make)
{
    /// <summary>Categories whose lines are measured inside and around the text (all but <c>notext</c>).</summary>
    public bool HasText => Name != Categories.NoText;
}

/// <summary>One clip to draw: its category, its number within the category, its length and its dice.</summary>
internal sealed record ClipDraft(Category Category, int Number, double Seconds, ClipDice Dice)
{
    public const int Fps = 30;

    public const int Width = 1280;

    public const int Height = 720;

    public string Name => $"{Category.Name}-{Number}";

    /// <summary>Odd clips get a category's first variant, even ones its second.</summary>
    public bool First => Number % 2 == 1;

    public ClipSpec Clip(SceneSource scene, CameraPath path, IReadOnlyList<SubtitleLine> lines, int width = Width, int height = Height) =>
        new(Name, Category.Name, Category.Camera, width, height, Fps, Seconds, scene, path, lines);

    /// <summary>A random picture prepared for this clip's size: a detailed photograph, or on one clip in four a drawn
    /// wallpaper (unless <paramref name="photograph"/>).</summary>
    public SceneSource Photo(int width = Width, bool photograph = false) =>
        Scenes.Photo(Dice.Pick(photograph || Dice.Chance(0.75) ? Scenes.Photographs : Scenes.Graphics), Scenes.SceneWidth(width), Fps);
}

/// <summary>
/// The benchmark's categories (issue 17): each a case an engine can get wrong while passing easy clips. All but
/// <c>static</c> film with a moving camera; the quality targets pool those.
/// </summary>
internal static class Categories
{
    public const string NoText = "notext";

    public static readonly Category[] All =
    [
        new("cjk", Camera.Moving, "Chinese subtitles with outlines, some with an English line under them", SubtitleClips.Chinese),
        new("box", Camera.Moving, "subtitles on a semi-transparent box (the box is part of the text)", SubtitleClips.Boxed),
        new("credits", Camera.Moving, "credits scrolling up over a slowly drifting camera", MovingTextClips.Credits),
        new("slide", Camera.Moving, "a ticker moving left, or a caption sliding in and stopping", MovingTextClips.Slide),
        new("watermark", Camera.Moving, "a translucent logo in a top corner for the whole clip", OverlayClips.Watermark),
        new("reveal", Camera.Moving, "background under the text shown only later: zoom in from the start, upward pan", OverlayClips.Reveal),
        new("texture", Camera.Moving, "fine textures: tiled cork, rocks, patterns", SubtitleClips.Texture),
        new("1080p", Camera.Moving, "1920x1080 subtitles", SubtitleClips.FullHd),
        new(NoText, Camera.Moving, "no text at all: must come out as a plain transcode", OverlayClips.NoText),
        new("static", Camera.Static, "a static camera (reported, not pooled with the moving ones)", SubtitleClips.Static),
    ];

    public static Category Named(string name) => All.First(c => c.Name == name);
}
