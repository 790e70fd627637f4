namespace Mpo.Training.Tokenization;

/// <summary>The chat layouts this engine renders, recognised from a folder's <c>chat_template</c> by their markers.</summary>
public enum ChatFormat
{
    /// <summary>No template (base models such as gpt2): the message texts are concatenated, separated by a blank line.</summary>
    None,

    /// <summary>ChatML as Qwen uses it: <c>&lt;|im_start|&gt;role\ncontent&lt;|im_end|&gt;\n</c>.</summary>
    ChatMl,

    /// <summary>Llama 3: <c>&lt;|start_header_id|&gt;role&lt;|end_header_id|&gt;\n\ncontent&lt;|eot_id|&gt;</c> after BOS.</summary>
    Llama3,
}
