namespace FramingClassifier;

/// <summary>How a head turns features into label scores.</summary>
public enum HeadScorer
{
    /// <summary>Multinomial logistic regression over the hashed n-gram features.</summary>
    Linear,
    /// <summary>Gradient-boosted regression trees over selected n-gram features and dense text statistics.</summary>
    Trees,
    /// <summary>Trees that also see the head's linear scores (stacking): linear weights and trees are both stored.</summary>
    Stacked,
    /// <summary>
    /// Linear weights read as a precedence cascade over the codebook's designation classes: one binary
    /// logistic regression per class, fitted on the sentences that contain a word of that class.
    /// </summary>
    Cascade,
}
