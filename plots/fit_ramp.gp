# fit_ramp.gp: new opportunities per rep-week by month of tenure, observed
# with their 95% intervals, against the fitted ramp's rate; under each month
# the rep-weeks it was observed over. Run by `rampsim fit --plot` and
# `rampsim plot DIR` inside DIR (when the fit had a roster), which set
# datadir, ramp_rows and, for each column C of fit-ramp.csv, ramp_C_min,
# ramp_C_max and ramp_C_sum. A month without rep-weeks has no point.
set title sprintf("New opportunities per rep-week by tenure\n%.0f opportunities over %.0f rep-weeks in reps' first %.0f months", ramp_opportunities_sum, ramp_rep_weeks_sum, ramp_tenure_month_max)
set xlabel "Tenure (months since hire; in brackets, the rep-weeks observed)" offset 0, -1
# two lines of tic labels: room for them, the axis label and the key below
set ylabel "Opportunities per rep-week"
set key outside bottom center horizontal
set bmargin 7
set xrange [0.4 : ramp_tenure_month_max + 0.6]
# the widest intervals (a month of a few rep-weeks) run off the top rather
# than flatten the curve
top = ramp_fitted_rate_max == ramp_fitted_rate_max ? ramp_fitted_rate_max * 1.6 : 0
if (ramp_observed_rate_max == ramp_observed_rate_max && ramp_observed_rate_max * 1.25 > top) { top = ramp_observed_rate_max * 1.25 }
set yrange [0 : top > 0 ? top : 1]
set xtics 1 nomirror
set grid noxtics ytics
weeks_label(x) = sprintf("%.0f\n(%.0f)", column('tenure_month'), column('rep_weeks'))
plot datadir.'/fit-ramp.csv' using 'tenure_month':'fitted_rate':xticlabels(weeks_label(0)) \
       with lines lw 4 lc rgb '#d62728' title 'Fitted ramp', \
     '' using 'tenure_month':'observed_rate':'low':'high' \
       with yerrorbars lw 2 pt 7 ps 1.8 lc rgb '#0b3d91' title 'Observed, with its 95% interval'
