namespace Vtis.EngineBench;

/// <summary>
/// What the burned-in lines say. Every text avoids the characters drawtext would need escaped (<c>' : \ % ,</c>), so
/// the filters stay readable. Chinese lines are simplified Chinese: the recogniser's dictionary is Chinese.
/// </summary>
internal static class TextPools
{
    public static readonly string[] Latin =
    [
        "The river was quiet that morning", "We have to leave before sunrise", "Nobody saw the second train",
        "She kept the letter for years", "Our guests arrive on Friday", "Turn left at the old bridge",
        "Hold on to the railing", "Where did you park the car", "The market opens at nine", "Call me when you land",
        "Keep the lights on tonight", "The storm passed over the hills", "Every road leads to the coast",
        "Let us try that once more", "The bakery closes early on Sundays", "Bring a coat it gets cold at night",
        "We met at the station in winter", "Nobody answered the phone", "I left the keys on the table",
        "The ferry leaves in ten minutes", "He never told us his real name", "Wait for me by the fountain",
        "The lights went out across the city", "You can see the lake from here",
    ];

    public static readonly string[] Chinese =
    [
        "我们明天早上在车站见面", "这条河的水一直很安静", "他把那封信保存了很多年", "晚饭以后我们去海边散步",
        "请在门关上之前上车", "山上的雪还没有化完", "今天的会议推迟到下午三点", "你还记得我们第一次见面吗",
        "老房子的窗户都被风吹开了", "我们必须在天亮之前出发", "她每天都给花园里的花浇水", "火车晚点了二十分钟",
        "这座城市晚上特别漂亮", "孩子们在院子里踢足球", "我从来没有见过这么大的雨", "市场早上九点开门",
        "外面很冷记得多穿一件衣服", "他们在桥上等了很久", "这个故事还没有结束", "明年春天我们一起去旅行",
        "别担心一切都会好起来的", "电话响了但是没有人接",
    ];

    public static readonly string[] CreditRoles =
    [
        "Directed by", "Director of Photography", "Music by", "Edited by", "Production Design", "Sound Mixer",
        "Costume Designer", "Executive Producer", "Written by", "Casting", "Visual Effects", "Script Supervisor",
        "Gaffer", "Location Manager",
    ];

    public static readonly string[] Names =
    [
        "Maria Lindqvist", "Tomas Herrera", "Aiko Tanaka", "Jonas Becker", "Leila Haddad", "Pietro Rossi", "Ana Sousa",
        "Nils Eriksen", "Chen Wei", "Sofia Novak", "Daniel Okafor", "Emma Laurent", "Ivan Petrov", "Grace Mensah",
    ];

    public static readonly string[] Headlines =
    [
        "Storm warning for the northern coast", "Trains delayed after the power cut", "Local team wins the cup final",
        "Museum opens a new wing on Monday", "Fuel prices fall for the third week", "Bridge repairs start in spring",
        "Heavy snow expected in the mountains", "City council votes on the new park",
    ];

    public static readonly string[] LatinLabels = ["NEWS 24", "CHANNEL 7", "STUDIO NORD", "TV5 HD", "LIVE", "NATURE ONE", "ARCHIVE", "SAMPLE"];

    public static readonly string[] ChineseLabels = ["新闻频道", "体育直播", "电影频道", "纪录片"];

    public static readonly string[] CaptionRoles = ["harbour master", "mountain guide", "head chef", "lighthouse keeper", "festival director"];
}
