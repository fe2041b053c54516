# calibration.gp: on the left, each claim's simulated figure as a percentage
# of the article's, with its 95% interval and the tolerance band; on the
# right, each plausibility bound's figure with its interval and the range it
# must lie in. Run by `rampsim calibrate --plot`, which sets datadir,
# replications, claims and bounds (the rows of calibrate.csv, claims first).
set multiplot layout 1,2 title sprintf("rampsim calibrate: %d replications per scenario", replications)
set xtics nomirror rotate by 30 right
set bmargin 6
set key below

set title "The article's claims"
set ylabel "Simulated (% of the article's figure)"
set xrange [-0.6:claims - 0.4]
set yrange [*:*]
plot datadir.'/calibrate.csv' every ::0::(claims - 1) using 0:(100):(0.3):'tolerance_pct' \
       with boxxyerror fs solid 0.35 noborder lc rgb '#2ca02c' title 'Tolerance', \
     100 with lines lw 2 dt 2 lc rgb '#d62728' title "The article's figure", \
     '' every ::0::(claims - 1) using 0:'simulated_pct_of_article':'ci_low_pct':'ci_high_pct':xticlabels(stringcolumn('check')) \
       with yerrorbars pt 7 ps 1.6 lw 2 lc rgb '#0b3d91' title 'Simulated, 95% interval'

set title "Plausibility bounds"
set ylabel "Points above the reference, or % of quota"
set xrange [-0.6:bounds - 0.4]
# a one-sided bound (below 0) is drawn 20 units deep
lower(x) = strlen(stringcolumn('allowed_low')) > 0 ? column('allowed_low') : column('allowed_high') - 20
plot datadir.'/calibrate.csv' every ::claims::(claims + bounds - 1) \
       using ($0):((lower(0) + column('allowed_high')) / 2):(0.3):((column('allowed_high') - lower(0)) / 2) \
       with boxxyerror fs solid 0.35 noborder lc rgb '#2ca02c' title 'Allowed range', \
     '' every ::claims::(claims + bounds - 1) using ($0):'simulated':'ci_low':'ci_high':xticlabels(stringcolumn('check')) \
       with yerrorbars pt 7 ps 1.6 lw 2 lc rgb '#0b3d91' title 'Simulated, 95% interval', \
     '' every ::claims::(claims + bounds - 1) using ($0):'simulated':(sprintf('%.1f', column('simulated'))) \
       with labels offset 3.2,0 notitle
unset multiplot
