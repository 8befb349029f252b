namespace FramingClassifier.Training;

/// <summary>
/// Limited-memory BFGS (Nocedal 1980, "Updating quasi-Newton matrices with limited storage"; Liu and
/// Nocedal 1989) with a backtracking Armijo line search. With an L1 penalty it becomes OWL-QN
/// (Andrew and Gao 2007, "Scalable training of L1-regularized log-linear models"): the pseudo-gradient
/// replaces the gradient, the direction is kept in the orthant of steepest descent and each step is
/// projected back onto the current orthant, so weights reach exactly zero. This is the solver of
/// ML.NET's LbfgsMaximumEntropy; everything is sequential arithmetic, hence deterministic.
/// </summary>
internal static class Lbfgs
{
    private const int Memory = 10;
    private const double Armijo = 1e-4;

    /// <summary>Minimizes f(x) + l1·Σ_{i &lt; l1End} |x_i| from x = <paramref name="start"/> (0 when null); returns x and the iterations used.</summary>
    /// <remarks>
    /// Every vector is allocated once and reused: on a large problem each is tens of MB.
    /// </remarks>
    public static (double[] X, int Iterations) Minimize(Func<double[], double[], double> evaluate, int dimension, double l1, int l1End, int maxIterations, double tolerance,
        double[]? start = null)
    {
        var x = start is null ? new double[dimension] : (double[])start.Clone();
        var g = new double[dimension];
        var xNew = new double[dimension];
        var gNew = new double[dimension];
        var d = new double[dimension];
        double[]? pseudo = l1 > 0 ? new double[dimension] : null;
        var curvature = new CurvatureHistory(dimension);
        double f = evaluate(x, g) + L1Norm(x, l1, l1End);
        var history = new Queue<double>();
        int iteration = 0;
        while (iteration < maxIterations)
        {
            iteration++;
            double[] pg = pseudo is null ? g : PseudoGradient(x, g, l1, l1End, pseudo);
            curvature.Direction(pg, d);
            if (l1 > 0) ConstrainToOrthant(d, pg, l1End);
            if (Dot(d, pg) >= 0) { curvature.Clear(); Negate(pg, d); }
            double step = curvature.Count == 0 ? 1.0 / Math.Max(1.0, Norm(pg)) : 1.0;
            if (!LineSearch(evaluate, x, f, pg, d, step, l1, l1End, xNew, gNew, out double fNew)) break;
            curvature.Remember(xNew, x, gNew, g);
            (x, xNew) = (xNew, x);
            (g, gNew) = (gNew, g);
            history.Enqueue(f);
            f = fNew;
            if (history.Count > 5 && (history.Dequeue() - f) / Math.Max(1.0, Math.Abs(f)) < tolerance) break;
        }
        return (x, iteration);
    }

    private static bool LineSearch(Func<double[], double[], double> evaluate, double[] x, double f, double[] pg, double[] d, double step,
        double l1, int l1End, double[] xNew, double[] gNew, out double fNew)
    {
        for (int attempt = 0; attempt < 40; attempt++, step *= 0.5)
        {
            for (int i = 0; i < x.Length; i++) xNew[i] = x[i] + step * d[i];
            if (l1 > 0) ProjectToOrthant(xNew, x, pg, l1End);
            fNew = evaluate(xNew, gNew) + L1Norm(xNew, l1, l1End);
            double decrease = 0;
            for (int i = 0; i < x.Length; i++) decrease += pg[i] * (xNew[i] - x[i]);
            if (fNew <= f + Armijo * decrease) return true;
        }
        fNew = f;
        return false;
    }

    /// <summary>
    /// The last <see cref="Memory"/> curvature pairs (s = Δx, y = Δg) in a ring with one spare slot,
    /// where a candidate pair is computed before it is known to be kept (s·y must be positive).
    /// </summary>
    private sealed class CurvatureHistory(int dimension)
    {
        private readonly double[][] _s = new double[Memory + 1][];
        private readonly double[][] _y = new double[Memory + 1][];
        private readonly double[] _rho = new double[Memory + 1];
        private readonly double[] _alpha = new double[Memory];
        private int _first;

        public int Count { get; private set; }

        public void Clear() => Count = 0;

        private int Slot(int i) => (_first + i) % (Memory + 1);

        public void Remember(double[] xNew, double[] x, double[] gNew, double[] g)
        {
            int slot = Slot(Count);
            double[] s = _s[slot] ??= new double[dimension];
            double[] y = _y[slot] ??= new double[dimension];
            for (int i = 0; i < s.Length; i++) s[i] = xNew[i] - x[i];
            for (int i = 0; i < y.Length; i++) y[i] = gNew[i] - g[i];
            double sy = Dot(s, y);
            if (sy <= 1e-12) return;
            _rho[slot] = 1.0 / sy;
            if (Count == Memory) _first = (_first + 1) % (Memory + 1);
            else Count++;
        }

        /// <summary>The two-loop recursion: d = −H·g with the stored pairs.</summary>
        public void Direction(double[] g, double[] d)
        {
            Array.Copy(g, d, g.Length);
            for (int i = Count - 1; i >= 0; i--)
            {
                int k = Slot(i);
                _alpha[i] = _rho[k] * Dot(_s[k], d);
                Axpy(-_alpha[i], _y[k], d);
            }
            if (Count > 0)
            {
                int last = Slot(Count - 1);
                double gamma = Dot(_s[last], _y[last]) / Dot(_y[last], _y[last]);
                for (int i = 0; i < d.Length; i++) d[i] *= gamma;
            }
            for (int i = 0; i < Count; i++)
            {
                int k = Slot(i);
                double beta = _rho[k] * Dot(_y[k], d);
                Axpy(_alpha[i] - beta, _s[k], d);
            }
            Negate(d, d);
        }
    }

    private static double[] PseudoGradient(double[] x, double[] g, double l1, int l1End, double[] pg)
    {
        Array.Copy(g, pg, g.Length);
        for (int i = 0; i < l1End; i++)
        {
            if (x[i] > 0) pg[i] = g[i] + l1;
            else if (x[i] < 0) pg[i] = g[i] - l1;
            else if (g[i] + l1 < 0) pg[i] = g[i] + l1;
            else if (g[i] - l1 > 0) pg[i] = g[i] - l1;
            else pg[i] = 0;
        }
        return pg;
    }

    private static void ConstrainToOrthant(double[] d, double[] pg, int l1End)
    {
        for (int i = 0; i < l1End; i++)
            if (d[i] * pg[i] >= 0) d[i] = 0;
    }

    private static void ProjectToOrthant(double[] xNew, double[] x, double[] pg, int l1End)
    {
        for (int i = 0; i < l1End; i++)
        {
            double orthant = x[i] != 0 ? Math.Sign(x[i]) : -Math.Sign(pg[i]);
            if (xNew[i] * orthant <= 0) xNew[i] = 0;
        }
    }

    private static double L1Norm(double[] x, double l1, int l1End)
    {
        if (l1 <= 0) return 0;
        double sum = 0;
        for (int i = 0; i < l1End; i++) sum += Math.Abs(x[i]);
        return l1 * sum;
    }

    private static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    private static double Norm(double[] a) => Math.Sqrt(Dot(a, a));

    private static void Axpy(double a, double[] x, double[] y)
    {
        for (int i = 0; i < x.Length; i++) y[i] += a * x[i];
    }

    private static void Negate(double[] source, double[] destination)
    {
        for (int i = 0; i < source.Length; i++) destination[i] = -source[i];
    }
}
