# fit_win_rate.gp: the win rate of the opportunities closed in each quarter
# of the history (13 weeks from its first day), observed with its 95%
# interval, against the fitted scenario's simulated win rate; under each
# quarter the month it starts in and the opportunities closed in it. Run by
# `rampsim fit --plot` and `rampsim plot DIR` inside DIR, which set datadir,
# win_rows and, for each column C of fit-win-rate.csv, win_C_min, win_C_max
# and win_C_sum. A quarter without a closed opportunity has no point.
# (gnuplot divides whole numbers as integers: the sums are whole, hence 100.0.)
overall = win_closed_sum > 0 ? sprintf("%.1f%% of %.0f closed opportunities won", 100.0 * win_won_sum / win_closed_sum, win_closed_sum) : "no opportunity closed"
set title "Win rate by quarter\n".overall
set xlabel "Quarter of the close date, 13 weeks from the history's first day (in brackets, the opportunities closed)" offset 0, -1
set ylabel "Win rate (%)"
set key outside bottom center horizontal
# two lines of tic labels: room for them, the axis label and the key below
set bmargin 7
set xrange [-0.5 : win_rows - 0.5]
top = win_high_max == win_high_max ? win_high_max : 0
if (win_fitted_max == win_fitted_max && win_fitted_max > top) { top = win_fitted_max }
set yrange [0 : top > 0 ? top * 1.15 : 100]
set xtics nomirror
set grid noxtics ytics
# a label every quarter, or every other one (or fewer) beyond ten quarters
label_step = win_rows > 10 ? ceil(win_rows / 10.0) : 1
quarter_label(x) = int(column(0)) % label_step != 0 ? '' : \
  sprintf("%s\n(%.0f)", strftime('%b %Y', strptime('%Y-%m-%d', strcol('start_date'))), column('closed'))
plot datadir.'/fit-win-rate.csv' using 0:'fitted':xticlabels(quarter_label(0)) \
       with linespoints lw 4 pt 5 ps 1.2 lc rgb '#d62728' title 'Fitted scenario (simulated)', \
     '' using 0:'observed':'low':'high' \
       with yerrorbars lw 2 pt 7 ps 1.8 lc rgb '#0b3d91' title 'Observed, with its 95% interval'
