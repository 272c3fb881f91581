t = int
x = t("5")
