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
    public static (double[] X, int Iterations) Minimize(Func<double[], double[], double> evaluate, int dimension, double l1, int l1End, int maxIterations, double tolerance,
        double[]? start = null)
    {
        var x = start is null ? new double[dimension] : (double[])start.Clone();
        var g = new double[dimension];
        double f = evaluate(x, g) + L1Norm(x, l1, l1End);
        var s = new List<double[]>();
        var y = new List<double[]>();
        var rho = new List<double>();
        var history = new Queue<double>();
        int iteration = 0;
        while (iteration < maxIterations)
        {
            iteration++;
            double[] pg = l1 > 0 ? PseudoGradient(x, g, l1, l1End) : g;
            double[] d = Direction(pg, s, y, rho);
            if (l1 > 0) ConstrainToOrthant(d, pg, l1End);
            if (Dot(d, pg) >= 0) { s.Clear(); y.Clear(); rho.Clear(); d = Negate(pg); }
            double step = s.Count == 0 ? 1.0 / Math.Max(1.0, Norm(pg)) : 1.0;
            var (xNew, gNew, fNew) = LineSearch(evaluate, x, f, pg, d, step, l1, l1End);
            if (xNew is null) break;
            Remember(s, y, rho, Subtract(xNew, x), Subtract(gNew!, g));
            x = xNew;
            g = gNew!;
            history.Enqueue(f);
            f = fNew;
            if (history.Count > 5 && (history.Dequeue() - f) / Math.Max(1.0, Math.Abs(f)) < tolerance) break;
        }
        return (x, iteration);
    }

    private static (double[]?, double[]?, double) LineSearch(Func<double[], double[], double> evaluate, double[] x, double f,
        double[] pg, double[] d, double step, double l1, int l1End)
    {
        var xNew = new double[x.Length];
        var gNew = new double[x.Length];
        for (int attempt = 0; attempt < 40; attempt++, step *= 0.5)
        {
            for (int i = 0; i < x.Length; i++) xNew[i] = x[i] + step * d[i];
            if (l1 > 0) ProjectToOrthant(xNew, x, pg, l1End);
            double fNew = evaluate(xNew, gNew) + L1Norm(xNew, l1, l1End);
            double decrease = 0;
            for (int i = 0; i < x.Length; i++) decrease += pg[i] * (xNew[i] - x[i]);
            if (fNew <= f + Armijo * decrease) return (xNew, gNew, fNew);
        }
        return (null, null, f);
    }

    /// <summary>The two-loop recursion: −H·g with the stored curvature pairs.</summary>
    private static double[] Direction(double[] g, List<double[]> s, List<double[]> y, List<double> rho)
    {
        double[] q = (double[])g.Clone();
        var alpha = new double[s.Count];
        for (int i = s.Count - 1; i >= 0; i--)
        {
            alpha[i] = rho[i] * Dot(s[i], q);
            Axpy(-alpha[i], y[i], q);
        }
        if (s.Count > 0)
        {
            double gamma = Dot(s[^1], y[^1]) / Dot(y[^1], y[^1]);
            for (int i = 0; i < q.Length; i++) q[i] *= gamma;
        }
        for (int i = 0; i < s.Count; i++)
        {
            double beta = rho[i] * Dot(y[i], q);
            Axpy(alpha[i] - beta, s[i], q);
        }
        return Negate(q);
    }

    private static void Remember(List<double[]> s, List<double[]> y, List<double> rho, double[] sk, double[] yk)
    {
        double sy = Dot(sk, yk);
        if (sy <= 1e-12) return;
        if (s.Count == Memory) { s.RemoveAt(0); y.RemoveAt(0); rho.RemoveAt(0); }
        s.Add(sk);
        y.Add(yk);
        rho.Add(1.0 / sy);
    }

    private static double[] PseudoGradient(double[] x, double[] g, double l1, int l1End)
    {
        var pg = (double[])g.Clone();
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

    private static double[] Negate(double[] a) => a.Select(v => -v).ToArray();

    private static double[] Subtract(double[] a, double[] b)
    {
        var r = new double[a.Length];
        for (int i = 0; i < a.Length; i++) r[i] = a[i] - b[i];
        return r;
    }
}
