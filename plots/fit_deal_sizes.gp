# fit_deal_sizes.gp: the closed opportunities' amounts, as bars on
# logarithmic bins, against the counts the fitted scenario's lognormal
# expects for a history of the same size. Run by `rampsim fit --plot` and
# `rampsim plot DIR` inside DIR, which set datadir, deals_rows and, for each
# column C of fit-deal-sizes.csv, deals_C_min, deals_C_max and deals_C_sum.
set title sprintf("Deal sizes against the fitted lognormal\n%.0f closed opportunities, by amount", deals_observed_sum)
set xlabel "Deal amount (logarithmic scale)"
set ylabel "Closed opportunities"
set key top right
set logscale x
# from the smallest amount to the largest; a single amount gets room around it
deals_low = deals_bin_high_max > deals_bin_low_min ? deals_bin_low_min : deals_bin_low_min / 2
deals_high = deals_bin_high_max > deals_bin_low_min ? deals_bin_high_max : deals_bin_high_max * 2
set xrange [deals_low : deals_high]
top = deals_observed_max > deals_fitted_max || deals_fitted_max != deals_fitted_max ? deals_observed_max : deals_fitted_max
set yrange [0 : top > 0 ? top * 1.3 : 1]
# the amounts on the axis as $2K, $5K, $10K, ... $1M: 1, 2 and 5 times a power of ten
money(x) = x >= 1e6 ? sprintf('$%gM', x / 1e6) : x >= 1e3 ? sprintf('$%gK', x / 1e3) : sprintf('$%g', x)
set xtics () nomirror
do for [k = floor(log10(deals_low)) : ceil(log10(deals_high))] {
  do for [m in "1 2 5"] { v = m * 10.0**k; set xtics add (money(v) v) }
}
set grid noxtics ytics
plot datadir.'/fit-deal-sizes.csv' \
       using (sqrt(column('bin_low') * column('bin_high'))):(column('observed') / 2):'bin_low':'bin_high':(0):'observed' \
       with boxxyerror fs solid 0.55 border lc rgb '#ffffff' fc rgb '#1f5fa8' title 'Closed opportunities (history)', \
     '' using (sqrt(column('bin_low') * column('bin_high'))):'fitted' \
       with lines lw 4 lc rgb '#d62728' title 'Fitted lognormal (expected count)'
